#!/usr/bin/python3
"""One origin-offload scenario: N libtorrent peers fetch one torrent whose only initial seed is
the origin's web seed, and every block is attributed to the web seed or to a peer.

usage: /usr/bin/python3 offload.py --torrent FILE --sha256 HEX --origin-ip 127.0.0.1 --work DIR
           [--peers 10] [--delay 0] [--first-ip 11] [--timeout 180] [--settings JSON]

Each peer is its own lt.session bound to its own loopback address 127.0.0.(first-ip + i), for
listening and for outgoing connections, so the tracker sees ten hosts as the Internet would.
DHT, LSD, UPnP, NAT-PMP, uTP and the default plugins (ut_pex, ...) are off (loopback.py): the
torrent's web seed and the peers the origin's tracker hands out are a peer's only sources.

Loopback trap: libtorrent puts 127/8 peers in its *local* peer class, which skips unchoke slots and
rate limits. Every address is mapped to the global class here (set_peer_class_filter), so peers
choke, unchoke and share as they would between hosts on the Internet.

Attribution comes from the clients' own alerts: every block_finished_alert names the endpoint that
delivered the block; the origin's address means the web seed, any other a peer. Bytes a client
received but did not need are in no alert; the bench cross-checks with the server's own count.

Peers start --delay seconds apart and stay (seeding) until every peer has finished or the timeout
is up; then all leave (remove_torrent sends the tracker a 'stopped' event) and every file's SHA-256
is checked. Prints progress lines and, last, one line 'RESULT {json}' with per-peer figures.
Exit 0 when every peer finished byte-exactly, 1 otherwise.
"""
import argparse
import hashlib
import json
import os
import sys
import time

import libtorrent as lt

import loopback


def peer_session(ip, extra, stop_wait):
    settings = loopback.settings(
        listen_interfaces='%s:0' % ip,
        outgoing_interfaces=ip,
        alert_mask=int(lt.alert_category.error | lt.alert_category.status
                       | lt.alert_category.tracker | lt.alert_category.block_progress),
        alert_queue_size=200000,
        # on a loaded machine a 'stopped' announce can take more than libtorrent's default 1 s;
        # a lost one leaves a seeder in the tracker that is no longer there
        stop_tracker_timeout=max(1, stop_wait))
    settings.update(extra)
    # flags=0: no default plugins, so no ut_pex: the tracker is the only way peers meet.
    session = lt.session(settings, 0)
    every = lt.ip_filter()
    every.add_rule('0.0.0.0', '255.255.255.255', 1 << lt.session.global_peer_class_id)
    session.set_peer_class_filter(every)
    return session


def sha256(path):
    digest = hashlib.sha256()
    with open(path, 'rb') as f:
        for chunk in iter(lambda: f.read(1 << 20), b''):
            digest.update(chunk)
    return digest.hexdigest()


def block_size(info, piece, block):
    piece_len = info.piece_size(piece)
    return min(16384, piece_len - block * 16384)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--torrent', required=True)
    ap.add_argument('--sha256', required=True)
    ap.add_argument('--origin-ip', required=True)
    ap.add_argument('--work', required=True)
    ap.add_argument('--peers', type=int, default=10)
    ap.add_argument('--delay', type=float, default=0.0)
    ap.add_argument('--first-ip', type=int, default=11)
    ap.add_argument('--timeout', type=float, default=180.0)
    ap.add_argument('--settings', default='{}', help='extra libtorrent settings (JSON object)')
    ap.add_argument('--stop-wait', type=int, default=10,
                    help="seconds a 'stopped' announce may take; 0: peers leave without one, like a crash")
    args = ap.parse_args()
    extra = json.loads(args.settings)
    info = lt.torrent_info(args.torrent)
    size = info.total_size()
    peers = []
    for i in range(args.peers):
        ip = '127.0.0.%d' % (args.first_ip + i)
        peers.append({'name': 'p%02d' % i, 'ip': ip, 'save': os.path.join(args.work, 'p%02d' % i),
                      'start_at': i * args.delay, 'started': None, 'finished': None,
                      'web_blocks': 0, 'peer_blocks': 0, 'web_bytes': 0, 'peer_bytes': 0, 'payload_download': 0,
                      'from': {}, 'errors': []})
    begin = time.monotonic()
    deadline = begin + args.timeout
    last_report = 0.0
    while time.monotonic() < deadline:
        now = time.monotonic() - begin
        for p in peers:
            if p['started'] is None and now >= p['start_at']:
                os.makedirs(p['save'], exist_ok=True)
                p['session'] = peer_session(p['ip'], extra, args.stop_wait)
                p['handle'] = p['session'].add_torrent({'ti': lt.torrent_info(args.torrent), 'save_path': p['save']})
                p['started'] = now
        for p in peers:
            if p['started'] is None:
                continue
            for alert in p['session'].pop_alerts():
                if isinstance(alert, lt.block_finished_alert):
                    n = block_size(info, alert.piece_index, alert.block_index)
                    source = alert.endpoint[0]
                    if source == args.origin_ip:
                        p['web_blocks'] += 1
                        p['web_bytes'] += n
                    else:
                        p['peer_blocks'] += 1
                        p['peer_bytes'] += n
                        p['from'][source] = p['from'].get(source, 0) + n
                elif isinstance(alert, lt.torrent_finished_alert):
                    if p['finished'] is None:
                        p['finished'] = time.monotonic() - begin
                elif alert.category() & lt.alert_category.error or isinstance(alert, lt.url_seed_alert):
                    line = '%s: %s' % (type(alert).__name__, alert.message())
                    if line not in p['errors'] and len(p['errors']) < 20:
                        p['errors'].append(line)
                        print('ALERT %s %s' % (p['name'], line), flush=True)
        if now - last_report >= 2:
            last_report = now
            print('t=%5.1f %s' % (now, ' '.join(
                '%s:%3.0f%%' % (p['name'], p['handle'].status().progress * 100)
                for p in peers if p['started'] is not None)), flush=True)
        if all(p['finished'] is not None for p in peers):
            break
        time.sleep(0.05)
    # What each client itself counted as received payload (libtorrent's own counter, which is also
    # what it announces as 'downloaded'), read before it leaves.
    for p in peers:
        if p['started'] is not None:
            p['payload_download'] = p['handle'].status().total_payload_download
    # Everyone leaves: 'stopped' announces, files closed (session destruction joins the disk threads).
    # With --stop-wait 0 the tracker (the origin) is blocked first, so no 'stopped' announce reaches it
    # (apply_ip_filter_to_trackers is on by default): the tracker keeps a stale entry for peerTimeout,
    # as with a client that crashed or lost its network.
    if args.stop_wait == 0:
        blocked = lt.ip_filter()
        blocked.add_rule(args.origin_ip, args.origin_ip, 1)
        for p in peers:
            if p['started'] is not None:
                p['session'].apply_settings({'apply_ip_filter_to_trackers': True})
                p['session'].set_ip_filter(blocked)
    for p in peers:
        if p['started'] is not None:
            p['session'].remove_torrent(p['handle'])
    time.sleep(1.0)
    for p in peers:
        p.pop('handle', None)
        p.pop('session', None)
    ok = True
    for p in peers:
        path = os.path.join(p['save'], info.name())
        p['sha256_ok'] = p['finished'] is not None and os.path.exists(path) and sha256(path) == args.sha256
        ok = ok and p['sha256_ok']
    print('RESULT ' + json.dumps({'size': size, 'pieces': info.num_pieces(), 'peers': peers,
                                  'elapsed': time.monotonic() - begin}), flush=True)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
