package dev.webseed.tracker;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.webseed.metainfo.InfoHash;

/** Turns decoded queries into validated requests (BEP 3 announce, BEP 48 scrape). */
final class Requests {
    private Requests() {
    }

    /** The announce parameters this tracker knows (BEP 3, 7, 23, 24 and common extensions); each may come once. */
    private enum Parameter {
        INFO_HASH, PEER_ID, PORT, UPLOADED, DOWNLOADED, LEFT, EVENT, NUMWANT, COMPACT, NO_PEER_ID, IP, KEY,
        TRACKERID, CORRUPT, REDUNDANT, SUPPORTCRYPTO;

        /** By the name on the wire: the constant's name in lower case. */
        static final Map<String, Parameter> BY_NAME = Arrays.stream(values())
                .collect(Collectors.toUnmodifiableMap(p -> p.name().toLowerCase(Locale.ROOT), p -> p));
    }

    /** A validated announce and how the client wants its peers (BEP 23). */
    record AnnounceRequest(Announce announce, boolean compact, boolean noPeerId, long downloaded) {
    }

    /** A validated scrape: the info-hashes asked for, possibly none (full scrape). */
    record ScrapeRequest(List<InfoHash> infoHashes) {
    }

    /**
     * @param address  the peer's address as the tracker sees it (socket or trusted proxy)
     * @param ipParam  whether {@code ip=} may replace it ({@code allowIpParameter})
     */
    static AnnounceRequest announce(Query q, byte[] address, boolean ipParam, int numwantDefault, int numwantMax) {
        byte[] infoHash = null;
        byte[] peerId = null;
        byte[] ip = null;
        long port = -1;
        long left = -1;
        long downloaded = 0;
        long numwant = numwantDefault;
        Event event = Event.NONE;
        boolean compact = true;
        boolean noPeerId = false;
        EnumSet<Parameter> seen = EnumSet.noneOf(Parameter.class);
        // one pass over the parameters (an announce is the hot path); each known one at most once
        for (int i = 0; i < q.size(); i++) {
            String name = q.name(i);
            Parameter parameter = Parameter.BY_NAME.get(name);
            if (parameter == null) {
                continue; // requirecrypto, ipv4=, ipv6= and extensions: ignored
            }
            if (!seen.add(parameter)) {
                throw new TrackerFailure("parameter " + name + " repeated");
            }
            byte[] v = q.value(i);
            switch (parameter) {
                case INFO_HASH -> infoHash = v;
                case PEER_ID -> peerId = v;
                case PORT -> port = number(name, v, 5);
                case UPLOADED -> number(name, v, 19);
                case DOWNLOADED -> downloaded = number(name, v, 19);
                case LEFT -> left = number(name, v, 19);
                case EVENT -> event = Event.parse(v);
                case NUMWANT -> numwant = number(name, v, 9);
                // BEP 23: compact is the default; compact=0 asks for the dictionary model
                case COMPACT -> compact = !(v.length == 1 && v[0] == '0');
                case NO_PEER_ID -> noPeerId = v.length == 1 && v[0] == '1';
                case IP -> ip = v;
                default -> {
                    // key, trackerid, corrupt, redundant, supportcrypto: only checked for repeats
                }
            }
        }
        InfoHash hash = InfoHash.of(exactly20("info_hash", infoHash));
        exactly20("peer_id", peerId);
        if (port < 0) {
            throw new TrackerFailure("missing port");
        }
        if (port < 1 || port > 65535) {
            throw new TrackerFailure("invalid port (1 to 65535)");
        }
        byte[] peer = address;
        if (ipParam && ip != null) {
            // only when the operator allows it; a literal, never a name (BEP 7)
            peer = Addresses.literal(new String(ip, StandardCharsets.ISO_8859_1));
            if (peer == null) {
                throw new TrackerFailure("invalid ip (an IPv4 or IPv6 literal)");
            }
        }
        int wanted = event == Event.STOPPED ? 0 : (int) Math.min(numwant, numwantMax);
        Announce announce = new Announce(hash, peerId, peer, (int) port, left == 0, event, wanted,
                !compact && !noPeerId);
        return new AnnounceRequest(announce, compact, noPeerId, downloaded);
    }

    static ScrapeRequest scrape(Query q, int maxHashes) {
        List<byte[]> values = q.all("info_hash");
        if (values.size() > maxHashes) {
            throw new TrackerFailure("too many info_hash values (at most " + maxHashes + ")");
        }
        List<InfoHash> hashes = new ArrayList<>(values.size());
        for (byte[] v : values) {
            if (v.length != InfoHash.LENGTH) {
                throw new TrackerFailure("info_hash must be 20 bytes, not " + v.length);
            }
            hashes.add(InfoHash.of(v));
        }
        return new ScrapeRequest(hashes);
    }

    private static byte[] exactly20(String name, byte[] v) {
        if (v == null) {
            throw new TrackerFailure("missing " + name);
        }
        if (v.length != 20) {
            // T1: info_hash and peer_id are exactly 20 raw bytes
            throw new TrackerFailure(name + " must be 20 bytes, not " + v.length);
        }
        return v;
    }

    /** A non-negative base-10 number of at most {@code maxDigits} digits (BEP 3). */
    private static long number(String name, byte[] v, int maxDigits) {
        if (v.length == 0 || v.length > maxDigits) {
            throw new TrackerFailure("invalid " + name);
        }
        long value = 0;
        for (byte b : v) {
            if (b < '0' || b > '9') {
                throw new TrackerFailure("invalid " + name + " (a non-negative whole number)");
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }
}
