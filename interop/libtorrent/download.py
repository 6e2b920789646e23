#!/usr/bin/python3
"""Downloads one torrent with libtorrent (python3-libtorrent) for the Webseed interop tests.

usage: /usr/bin/python3 download.py TORRENT_FILE SAVE_DIR TIMEOUT_SECONDS

The session listens on 127.0.0.1 only, with DHT, LSD, UPnP, NAT-PMP, uTP and every default
plugin (ut_pex, ut_metadata, smart_ban) off, so the web seed of the torrent is its only source.
ssrf_mitigation stays ON (libtorrent's default): it refuses loopback web seeds with a query string
and loopback trackers whose path does not start with /announce, and our URLs must pass it.
Exit 0 once every piece is verified and the files are closed; 1 on timeout or error.
"""
import sys
import time

import libtorrent as lt

import loopback


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    torrent_file, save_dir, timeout = sys.argv[1], sys.argv[2], float(sys.argv[3])
    settings = loopback.settings(
        alert_mask=int(lt.alert_category.error | lt.alert_category.status
                       | lt.alert_category.storage | lt.alert_category.tracker))
    # flags=0: no default plugins, so no ut_pex (peer exchange) either.
    session = lt.session(settings, 0)
    info = lt.torrent_info(torrent_file)
    print('libtorrent %s: %s, %d bytes, %d pieces, web seeds %s'
          % (lt.__version__, info.name(), info.total_size(), info.num_pieces(),
             [ws['url'] for ws in info.web_seeds()]), flush=True)
    handle = session.add_torrent({'ti': info, 'save_path': save_dir})
    deadline = time.monotonic() + timeout
    last_report = 0.0
    finished = False
    while time.monotonic() < deadline and not finished:
        session.wait_for_alert(500)
        for alert in session.pop_alerts():
            if isinstance(alert, lt.torrent_finished_alert):
                finished = True
            elif alert.category() & lt.alert_category.error or isinstance(alert, lt.url_seed_alert):
                print('alert %s: %s' % (type(alert).__name__, alert.message()), flush=True)
        status = handle.status()
        if status.is_seeding:
            finished = True
        if time.monotonic() - last_report > 2 or finished:
            last_report = time.monotonic()
            print('progress %.1f%% state=%s down=%d B/s web seeds=%d'
                  % (status.progress * 100, status.state, status.download_rate,
                     len(handle.url_seeds())), flush=True)
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
