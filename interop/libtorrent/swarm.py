#!/usr/bin/python3
"""Runs several libtorrent sessions at once, one per torrent, for the Webseed paygate interop test.

usage: /usr/bin/python3 swarm.py TIMEOUT_SECONDS RATE_LIMIT_BYTES START_DELAY_SECONDS NAME=TORRENT=SAVE_DIR=EXPECT...

EXPECT is 'finish' for a client that should complete (the run ends once all of those have) or
'refused' for one that should get nothing (the run then lasts TIMEOUT_SECONDS).

Each session is a separate client (its own listen port on 127.0.0.1, its own peer id), with DHT,
LSD, UPnP, NAT-PMP, uTP and the default plugins (ut_pex, ...) off, so a session's only sources are
the torrent's web seed and the peers our tracker hands out (the torrents are private, BEP 27).
ssrf_mitigation stays ON. Sessions start START_DELAY_SECONDS apart, each limited to
RATE_LIMIT_BYTES per second of download (0: none), so they overlap and trade pieces.

Per session it samples peer_info every 0.2 s and reports the payload bytes received from
BitTorrent peers and from web seeds (per connection, the largest total seen; a connection's
count is lost only for the part after its last sample), the tracker replies and errors, and
whether every piece was verified. Prints one line 'RESULT name finished=... peer_bytes=...
webseed_bytes=... total_done=...' per session and 'TRACKER name ...' lines; exit 0 always once
the time is up or every session that can finish has finished (the Java test judges).
"""
import sys
import time

import libtorrent as lt

import loopback


def session_for():
    settings = loopback.settings(
        # every peer is 127.0.0.1 here, on its own port
        allow_multiple_connections_per_ip=True,
        # piece-sized web seed requests (default up to 16 MiB), so pieces complete steadily and a
        # session has pieces to offer its peer while it still downloads
        urlseed_max_request_bytes=262144,
        # re-evaluate choking every second (default 15 s), so two sessions that meet during a
        # download of a few seconds unchoke each other in time
        unchoke_interval=1,
        optimistic_unchoke_interval=1,
        alert_mask=int(lt.alert_category.error | lt.alert_category.status
                       | lt.alert_category.tracker | lt.alert_category.peer))
    return lt.session(settings, 0)


def main():
    if len(sys.argv) < 5:
        print(__doc__, file=sys.stderr)
        return 2
    timeout, rate, delay = float(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    clients = []
    for spec in sys.argv[4:]:
        name, torrent, save, expect = spec.split('=', 3)
        clients.append({'name': name, 'torrent': torrent, 'save': save, 'expect': expect, 'started': False,
                        'finished': False, 'conn': {}, 'tracker': []})
    begin = time.monotonic()
    deadline = begin + timeout
    last_report = 0.0
    while time.monotonic() < deadline:
        now = time.monotonic()
        for i, c in enumerate(clients):
            if not c['started'] and now - begin >= i * delay:
                c['session'] = session_for()
                info = lt.torrent_info(c['torrent'])
                params = {'ti': info, 'save_path': c['save']}
                c['handle'] = c['session'].add_torrent(params)
                if rate > 0:
                    c['handle'].set_download_limit(rate)
                c['started'] = True
                print('START %s %s private=%s web seeds %s trackers %s' % (
                    c['name'], info.name(), info.priv(), [w['url'] for w in info.web_seeds()],
                    [t.url for t in info.trackers()]), flush=True)
        for c in clients:
            if not c['started']:
                continue
            for alert in c['session'].pop_alerts():
                if isinstance(alert, lt.torrent_finished_alert):
                    c['finished'] = True
                if isinstance(alert, (lt.tracker_reply_alert, lt.tracker_error_alert,
                                      lt.tracker_warning_alert, lt.url_seed_alert)) \
                        or alert.category() & lt.alert_category.error:
                    line = '%s: %s' % (type(alert).__name__, alert.message())
                    if line not in c['tracker']:
                        c['tracker'].append(line)
                        print('ALERT %s %s' % (c['name'], line), flush=True)
            for p in c['handle'].get_peer_info():
                kind = 'webseed' if p.connection_type in (lt.peer_info.web_seed, lt.peer_info.http_seed) else 'peer'
                # one key per connection: a reconnect has another local port, so no count is lost
                key = (kind, p.ip[0], p.ip[1], p.local_endpoint[1])
                c['conn'][key] = max(c['conn'].get(key, 0), p.total_download)
            if c['handle'].status().is_seeding:
                c['finished'] = True
        if now - last_report > 2:
            last_report = now
            for c in clients:
                if c['started']:
                    s = c['handle'].status()
                    print('progress %s %.1f%% peers=%d seeds=%d down=%d B/s' % (
                        c['name'], s.progress * 100, s.num_peers, s.num_seeds, s.download_rate), flush=True)
        good = [c for c in clients if c['expect'] == 'finish']
        if all(c['started'] for c in clients) and good and all(c['finished'] for c in good):
            break
        time.sleep(0.2)
    for c in clients:
        if not c['started']:
            print('RESULT %s started=False' % c['name'], flush=True)
            continue
        s = c['handle'].status()
        peer = sum(v for k, v in c['conn'].items() if k[0] == 'peer')
        web = sum(v for k, v in c['conn'].items() if k[0] == 'webseed')
        print('RESULT %s finished=%s peer_bytes=%d webseed_bytes=%d total_done=%d total_wanted=%d' % (
            c['name'], c['finished'], peer, web, s.total_done, s.total_wanted), flush=True)
    for c in clients:
        if c['started']:
            c['session'].remove_torrent(c['handle'])
    time.sleep(1)
    print('DONE', flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
