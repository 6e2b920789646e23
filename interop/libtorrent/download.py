#!/usr/bin/python3
"""Downloads one torrent with libtorrent (python3-libtorrent) for the Webseed interop tests.

usage: /usr/bin/python3 download.py TORRENT_FILE SAVE_DIR TIMEOUT_SECONDS [DONE_MARKER [ADDRESS]]

The session listens on 127.0.0.1 only, with DHT, LSD, UPnP, NAT-PMP, uTP and every default
plugin (ut_pex, ut_metadata, smart_ban) off, so the web seed of the torrent and the peers the
torrent's tracker hands out are its only sources. ssrf_mitigation stays ON (libtorrent's
default): it refuses loopback web seeds with a query string and loopback trackers whose path does
not start with /announce, and our URLs must pass it.

Without DONE_MARKER: exit 0 once every piece is verified and the files are closed; 1 on timeout
or error. With DONE_MARKER (swarm mode): the client shares with the other clients on 127.0.0.1
(several connections per address; every address in the global peer class, since libtorrent's
local class for 127/8 skips choking and rate limits), writes DONE_MARKER once every piece is
verified and keeps seeding until SIGTERM or the timeout. Progress lines carry the bytes its own
block_finished alerts attribute to the web seed and to peers. ADDRESS (a 127.0.0.x) replaces
127.0.0.1 for listening and for outgoing connections, so each client can be its own host.
"""
import os
import signal
import sys
import time
import urllib.parse

import libtorrent as lt

import loopback


def main():
    if len(sys.argv) not in (4, 5, 6):
        print(__doc__, file=sys.stderr)
        return 2
    torrent_file, save_dir, timeout = sys.argv[1], sys.argv[2], float(sys.argv[3])
    marker = sys.argv[4] if len(sys.argv) >= 5 else None
    mask = lt.alert_category.error | lt.alert_category.status | lt.alert_category.storage | lt.alert_category.tracker
    extra = {}
    if marker:
        mask |= lt.alert_category.block_progress
        extra = {'allow_multiple_connections_per_ip': True, 'alert_queue_size': 100000}
    if len(sys.argv) == 6:
        extra.update(listen_interfaces=sys.argv[5] + ':0', outgoing_interfaces=sys.argv[5])
    # flags=0: no default plugins, so no ut_pex (peer exchange) either.
    session = lt.session(loopback.settings(alert_mask=int(mask), **extra), 0)
    if marker:
        every = lt.ip_filter()
        every.add_rule('0.0.0.0', '255.255.255.255', 1 << lt.session.global_peer_class_id)
        session.set_peer_class_filter(every)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    info = lt.torrent_info(torrent_file)
    # a block's source is the web seed when it came from a web seed's address and port (on loopback
    # the other clients share the address)
    seeds = set()
    for ws in info.web_seeds():
        url = urllib.parse.urlsplit(ws['url'])
        seeds.add((url.hostname, url.port or (443 if url.scheme == 'https' else 80)))
    print('libtorrent %s: %s, %d bytes, %d pieces, web seeds %s'
          % (lt.__version__, info.name(), info.total_size(), info.num_pieces(),
             [ws['url'] for ws in info.web_seeds()]), flush=True)
    handle = session.add_torrent({'ti': info, 'save_path': save_dir})
    begin = time.monotonic()
    deadline = begin + timeout
    last_report = 0.0
    finished = False
    web = peers = 0
    try:
        while time.monotonic() < deadline and (marker or not finished):
            session.wait_for_alert(200)
            for alert in session.pop_alerts():
                if isinstance(alert, lt.block_finished_alert):
                    n = min(16384, info.piece_size(alert.piece_index) - alert.block_index * 16384)
                    if (alert.endpoint[0], alert.endpoint[1]) in seeds:
                        web += n
                    else:
                        peers += n
                elif isinstance(alert, lt.torrent_finished_alert):
                    finished = True
                elif alert.category() & lt.alert_category.error or isinstance(alert, lt.url_seed_alert):
                    print('alert %s: %s' % (type(alert).__name__, alert.message()), flush=True)
            status = handle.status()
            if status.is_seeding:
                finished = True
            if marker and finished and not os.path.exists(marker):
                print('DONE after %.1f s: web seed %d bytes, peers %d bytes' % (
                    time.monotonic() - begin, web, peers), flush=True)
                with open(marker, 'w') as f:
                    f.write('%.1f web=%d peers=%d\n' % (time.monotonic() - begin, web, peers))
            if time.monotonic() - last_report > 2:
                last_report = time.monotonic()
                print('progress %.1f%% state=%s down=%d B/s peers=%d web seeds=%d from web seed=%d from peers=%d'
                      ' uploaded=%d' % (status.progress * 100, status.state, status.download_rate, status.num_peers,
                                        len(handle.url_seeds()), web, peers, status.all_time_upload), flush=True)
    finally:
        print('END web seed %d bytes, peers %d bytes, uploaded %d' % (web, peers, handle.status().all_time_upload),
              flush=True)
    if not finished:
        print('TIMEOUT after %.0f s' % timeout, flush=True)
        return 1
    # Removing the torrent and dropping the session closes the files (disk threads joined).
    session.remove_torrent(handle)
    del handle
    del session
    print('DONE', flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
