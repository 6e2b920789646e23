package dev.webseed.redis;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.webseed.tracker.AnnounceResult;
import dev.webseed.tracker.SwarmCounts;

/**
 * Peers of one swarm as {@code swarm.lua} sampled them ({@code HRANDFIELD} of its IPv4 and IPv6
 * hashes: peer id, compact address pairs), and the membership stamp they were taken at. An
 * announce picks its peers from a sample here, on the server, rather than in Redis's one thread.
 *
 * <p>A <em>complete</em> sample holds every entry of the swarm. While the swarm's stamp is unchanged
 * (no entry came, went or moved, on any server) it is still exact, so {@link RedisSwarmStore} keeps
 * it and sends its stamp with the next announces: Redis then answers the counts without sampling
 * again, and the peers picked from the kept sample are exactly those a fresh sample would give.</p>
 *
 * @param stamp    the swarm's membership stamp when sampled
 * @param four     the IPv4 sample: id, 6-byte compact address, id, address, ...
 * @param six      the IPv6 sample: id, 18-byte compact address, ...
 * @param complete whether both samples hold every entry of their family
 */
record PeerSample(byte[] stamp, List<byte[]> four, List<byte[]> six, boolean complete) {
    /** No peers: for an announce that asked none, or found none to give. */
    static final PeerSample NONE = new PeerSample(new byte[0], List.of(), List.of(), false);

    /** A sample of up to {@code asked} entries per family, complete when a family gave fewer. */
    static PeerSample of(byte[] stamp, List<byte[]> four, List<byte[]> six, int asked) {
        return new PeerSample(stamp, four, six, four.size() / 2 < asked && six.size() / 2 < asked);
    }

    /** Entries to sample for an announce asking {@code numwant} peers: room for the asker, and some choice. */
    static int sampleSize(int numwant) {
        return 2 * numwant + 1;
    }

    /**
     * Up to {@code numwant} peers other than {@code self}, split between the families by the
     * numbers of other peers in each ({@code others4}, {@code others6}, as Redis counted them), each
     * family's chosen at random from the sample (BEP 23 compact IPv4, BEP 7 compact IPv6).
     */
    AnnounceResult answer(SwarmCounts counts, byte[] self, long others4, long others6, int numwant, boolean wantIds) {
        long want = Math.min(numwant, others4 + others6);
        long m4 = want == 0 ? 0 : want * others4 / (others4 + others6);
        long m6 = want - m4;
        if (m6 > others6) {
            m4 += m6 - others6;
            m6 = others6;
        }
        Picked v4 = pick(four, self, (int) m4, wantIds);
        Picked v6 = pick(six, self, (int) m6, wantIds);
        return new AnnounceResult(counts, v4.addresses, v6.addresses, wantIds ? v4.ids : null, wantIds ? v6.ids : null);
    }

    private record Picked(byte[] addresses, byte[] ids) {
    }

    /** {@code m} random entries of a sample other than {@code self}: a partial Fisher-Yates shuffle. */
    private static Picked pick(List<byte[]> sample, byte[] self, int m, boolean wantIds) {
        int entries = sample.size() / 2;
        int[] order = new int[entries];
        int candidates = 0;
        for (int i = 0; i < entries; i++) {
            if (!Arrays.equals(sample.get(2 * i), self)) {
                order[candidates++] = i;
            }
        }
        ByteArrayOutputStream addresses = new ByteArrayOutputStream();
        ByteArrayOutputStream ids = new ByteArrayOutputStream();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int taken = 0; taken < Math.min(m, candidates); taken++) {
            int j = taken + random.nextInt(candidates - taken);
            int chosen = order[j];
            order[j] = order[taken];
            order[taken] = chosen;
            addresses.writeBytes(sample.get(2 * chosen + 1));
            if (wantIds) {
                ids.writeBytes(sample.get(2 * chosen));
            }
        }
        return new Picked(addresses.toByteArray(), ids.toByteArray());
    }
}
