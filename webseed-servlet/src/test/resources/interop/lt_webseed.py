"""Create a torrent of a folder with libtorrent and/or download it from its web seed only.

usage: lt_webseed.py create FOLDER URL_BASE OUT.torrent [v1|hybrid]
       lt_webseed.py download TORRENT SAVE_DIR TIMEOUT_SECONDS
Run with /usr/bin/python3 (Debian python3-libtorrent). Loopback only; DHT, LSD, UPnP, NAT-PMP off.
"""
import os
import sys
import time

import libtorrent as lt


def create(folder, base, out, kind):
    fs = lt.file_storage()
    lt.add_files(fs, folder)
    flags = lt.create_torrent.v1_only if kind == "v1" else 0
    ct = lt.create_torrent(fs, 256 * 1024, flags=flags)
    ct.add_url_seed(base)
    lt.set_piece_hashes(ct, os.path.dirname(os.path.abspath(folder)))
    with open(out, "wb") as f:
        f.write(lt.bencode(ct.generate()))
    info = lt.torrent_info(out)
    print("files", [info.files().file_path(i) for i in range(info.num_files())])


def download(torrent, save, timeout):
    ses = lt.session({
        "listen_interfaces": "127.0.0.1:0",
        "enable_dht": False, "enable_lsd": False, "enable_upnp": False, "enable_natpmp": False,
        "alert_mask": lt.alert.category_t.error_notification | lt.alert.category_t.peer_notification,
    })
    params = lt.add_torrent_params()
    params.ti = lt.torrent_info(torrent)
    params.save_path = save
    handle = ses.add_torrent(params)
    deadline = time.time() + float(timeout)
    while time.time() < deadline:
        status = handle.status()
        for alert in ses.pop_alerts():
            if alert.category() & lt.alert.category_t.error_notification:
                print("alert", alert.message())
        if status.is_seeding:
            print("done", status.total_wanted, "bytes")
            return 0
        time.sleep(0.2)
    print("timeout at", handle.status().progress)
    return 1


if __name__ == "__main__":
    if sys.argv[1] == "create":
        create(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5] if len(sys.argv) > 5 else "hybrid")
    else:
        sys.exit(download(sys.argv[2], sys.argv[3], sys.argv[4]))
