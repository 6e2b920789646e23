"""The libtorrent settings every interop script starts from: one client on 127.0.0.1 only.

DHT, LSD, UPnP, NAT-PMP and uTP are off, so the torrent's web seed and the peers our tracker hands
out are a session's only sources. ssrf_mitigation stays ON (libtorrent's default): it refuses
loopback web seeds with a query string and loopback trackers whose path does not start with
/announce, and our URLs must pass it. Scripts add their own keys: settings(alert_mask=...).
"""


def settings(**extra):
    base = {
        'listen_interfaces': '127.0.0.1:0',
        'enable_dht': False,
        'enable_lsd': False,
        'enable_upnp': False,
        'enable_natpmp': False,
        'enable_incoming_utp': False,
        'enable_outgoing_utp': False,
        'ssrf_mitigation': True,
    }
    base.update(extra)
    return base
