#!/usr/bin/python3
"""libtorrent driver for the tracker interop test (TrackerInteropIT / TrackerInteropTest).

  tracker_libtorrent.py create FILE ANNOUNCE_URL OUT_TORRENT
      a v1 torrent of FILE with only `announce` (no url-list, no DHT nodes), piece length 64 KiB
  tracker_libtorrent.py seed TORRENT SAVE_DIR SECONDS
      seeds from SAVE_DIR over 127.0.0.1 only; DHT, LSD, UPnP, NAT-PMP and PEX (no default
      plugins) are off, ssrf_mitigation stays on; prints tracker alerts; exits after SECONDS
  tracker_libtorrent.py scrape TORRENT SECONDS
      adds the torrent paused (no announce) and scrapes once; prints
      "scrape_reply complete=C incomplete=I" (or the error). ssrf_mitigation is OFF here: with it
      on, libtorrent 2.0 refuses any loopback tracker URL whose path does not start with
      /announce, and the scrape URL it derives is /scrape (T7)
"""
import os
import sys
import time

import libtorrent as lt


def create(path, announce, out):
    fs = lt.file_storage()
    lt.add_files(fs, path)
    ct = lt.create_torrent(fs, 64 * 1024, flags=lt.create_torrent.v1_only)
    ct.add_tracker(announce)
    ct.set_creator("webseed tracker interop")
    lt.set_piece_hashes(ct, os.path.dirname(os.path.abspath(path)))
    with open(out, "wb") as f:
        f.write(lt.bencode(ct.generate()))


def session(ssrf=True):
    settings = {
        "listen_interfaces": "127.0.0.1:0",
        "enable_dht": False,
        "enable_lsd": False,
        "enable_upnp": False,
        "enable_natpmp": False,
        "ssrf_mitigation": ssrf,
        "allow_multiple_connections_per_ip": True,  # every peer is 127.0.0.1
        "announce_to_all_trackers": True,
        "alert_mask": lt.alert.category_t.tracker_notification | lt.alert.category_t.error_notification
        | lt.alert.category_t.status_notification,
        "user_agent": "libtorrent/" + lt.__version__,
    }
    return lt.session(settings, 0)  # flags 0: no default plugins, so no ut_pex / ut_metadata


def seed(torrent, save_dir, seconds):
    ses = session()
    atp = lt.add_torrent_params()
    atp.ti = lt.torrent_info(torrent)
    atp.save_path = save_dir
    handle = ses.add_torrent(atp)
    deadline = time.time() + float(seconds)
    while time.time() < deadline:
        for a in ses.pop_alerts():
            extra = ""
            if hasattr(a, "error"):
                extra = " [error: %s]" % a.error.message()
            print("alert", type(a).__name__, a.message() + extra, flush=True)
        s = handle.status()
        print("status", s.state, "seed=%s" % s.is_seeding, "peers=%d" % s.num_peers,
              "upload=%d" % s.total_payload_upload, flush=True)
        time.sleep(1)


def scrape(torrent, seconds):
    import tempfile
    ses = session(ssrf=False)
    atp = lt.add_torrent_params()
    atp.ti = lt.torrent_info(torrent)
    atp.save_path = tempfile.mkdtemp(prefix="lt-scrape-")
    atp.flags = (atp.flags | lt.torrent_flags.paused) & ~lt.torrent_flags.auto_managed
    handle = ses.add_torrent(atp)
    handle.scrape_tracker()
    deadline = time.time() + float(seconds)
    while time.time() < deadline:
        for a in ses.pop_alerts():
            if isinstance(a, lt.scrape_reply_alert):
                print("scrape_reply complete=%d incomplete=%d url=%s" % (a.complete, a.incomplete, a.tracker_url()),
                      flush=True)
                return
            if isinstance(a, lt.scrape_failed_alert):
                print("scrape_failed", a.error.message(), a.message(), flush=True)
                return
        time.sleep(0.2)
    print("scrape_timeout", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "create":
        create(sys.argv[2], sys.argv[3], sys.argv[4])
    elif sys.argv[1] == "seed":
        seed(sys.argv[2], sys.argv[3], sys.argv[4])
    elif sys.argv[1] == "scrape":
        scrape(sys.argv[2], sys.argv[3])
    else:
        sys.exit("unknown command " + sys.argv[1])
