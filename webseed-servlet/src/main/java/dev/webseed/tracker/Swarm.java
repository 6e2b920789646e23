package dev.webseed.tracker;

import java.util.random.RandomGenerator;

/**
 * One swarm of the in-memory store: an IPv4 and an IPv6 {@link PeerTable} and exact counters.
 *
 * <p>BEP 7 has clients announce once per address family, so one client can hold an entry in both
 * tables. Those entries are linked by peer id: the second one carries {@link #TWIN} and is left
 * out of the counters, and both always carry the client's latest state, so a dual-stack client
 * counts once and its {@code completed} counts one download.</p>
 */
final class Swarm {
    static final int SEED = 1;
    /** BEP 21 partial seed ({@code event=paused}). */
    static final int PAUSED = 2;
    /** The same client is counted through its entry in the other family's table. */
    static final int TWIN = 4;
    private static final int STATE = SEED | PAUSED;
    private static final byte[] NONE = new byte[0];

    private PeerTable v4;
    private PeerTable v6;
    private int seeds;
    private int leechers;
    private int paused;
    private long downloaded;
    /** Nothing expires before this second; re-computed by each sweep. */
    private int sweepAt = Integer.MAX_VALUE;
    /** Set (under the lock) when the store drops this swarm; an announce then retries. */
    boolean dead;

    synchronized AnnounceResult announce(Announce a, int now, int timeout, PeerLimits limits,
            RandomGenerator random) {
        if (now >= sweepAt) {
            sweep(now, timeout);
        }
        boolean six = a.address().length == 16;
        PeerTable table = six ? v6 : v4;
        PeerTable other = six ? v4 : v6;
        byte[] id = a.peerId();
        int hash = PeerTable.hash(id, 0);
        int slot = table == null ? -1 : table.find(id, hash);
        int twin = other == null ? -1 : other.find(id, hash);
        int known = slot >= 0 ? table.flags(slot) : twin >= 0 ? other.flags(twin) : -1;

        if (a.event() == Event.STOPPED) {
            if (slot >= 0) {
                remove(table, slot, other, twin);
            }
            return new AnnounceResult(counts(), NONE, NONE, a.wantPeerIds() ? NONE : null,
                    a.wantPeerIds() ? NONE : null);
        }
        // BEP 21: a paused client with data left is a partial seed; left=0 is a seed whatever it says
        int state = a.seed() ? SEED : a.event() == Event.PAUSED ? PAUSED : 0;
        if (a.event() == Event.COMPLETED && (known < 0 || (known & SEED) == 0)) {
            downloaded++; // BEP 3 "completed": once per client, even when it says so over v4 and v6
        }
        if (slot >= 0) {
            setState(table, slot, state);
            table.setAddress(slot, a.address(), a.port());
            table.setSeen(slot, now);
        } else if (mayStore(a.address(), table, limits, random)) {
            table = six ? v6 : v4; // making room may have emptied or moved things
            other = six ? v4 : v6;
            twin = other == null ? -1 : other.find(id, hash);
            if (table == null) {
                table = new PeerTable(six ? 16 : 4);
                if (six) {
                    v6 = table;
                } else {
                    v4 = table;
                }
            }
            slot = table.add(id, hash, a.address(), a.port(), state | (twin >= 0 ? TWIN : 0), now);
            if (twin < 0) {
                count(state, 1);
            }
            sweepAt = Math.min(sweepAt, now + timeout);
        }
        if (twin >= 0) {
            setState(other, twin, state); // the client's state, whichever family it last used
        }
        return pick(a, table, slot, other, twin, random);
    }

    /**
     * Whether a new peer at {@code address} is stored, making room by {@link PeerLimits} when the
     * swarm is full (then one peer was dropped).
     */
    private boolean mayStore(byte[] address, PeerTable table, PeerLimits limits, RandomGenerator random) {
        long group = PeerLimits.group(address);
        int held = table == null ? 0 : table.groupCount(group);
        if (!limits.admits(held)) {
            return false;
        }
        int size = size();
        if (size < limits.maxPeersPerTorrent()) {
            return true;
        }
        PeerTable victimTable = null;
        int victim = -1;
        int victimHeld = 0;
        for (int draw = 0; draw < PeerLimits.DRAWS
                && (victim < 0 || PeerLimits.drawsAgain(victimHeld, held)); draw++) {
            for (int i = 0; i < PeerLimits.SAMPLE; i++) {
                int pick = random.nextInt(size);
                PeerTable t = v4 != null && pick < v4.count ? v4 : v6;
                int s = t == v4 ? pick : pick - (v4 == null ? 0 : v4.count);
                int h = t.groupCount(t.group(s));
                if (victim < 0 || h > victimHeld || h == victimHeld && t.seen(s) < victimTable.seen(victim)) {
                    victimTable = t;
                    victim = s;
                    victimHeld = h;
                }
            }
        }
        if (!PeerLimits.makesRoom(victimHeld, held)) {
            return false;
        }
        PeerTable victimOther = victimTable == v4 ? v6 : v4;
        byte[] victimId = victimTable.id(victim);
        int victimTwin = victimOther == null ? -1 : victimOther.find(victimId, PeerTable.hash(victimId, 0));
        remove(victimTable, victim, victimOther, victimTwin);
        return true;
    }

    synchronized SwarmCounts countsAt(int now, int timeout) {
        if (now >= sweepAt) {
            sweep(now, timeout);
        }
        return counts();
    }

    /** Unsynchronised read for full scrape and statistics; may be a moment stale. */
    SwarmCounts counts() {
        return new SwarmCounts(seeds, leechers + paused, downloaded, leechers);
    }

    synchronized int size() {
        return (v4 == null ? 0 : v4.count) + (v6 == null ? 0 : v6.count);
    }

    long downloaded() {
        return downloaded;
    }

    /** Drops peers last seen {@code timeout} seconds ago or earlier; returns the peers left. */
    synchronized int sweep(int now, int timeout) {
        int cutoff = now - timeout;
        int oldest = Integer.MAX_VALUE;
        for (int pass = 0; pass < 2; pass++) {
            PeerTable table = pass == 0 ? v4 : v6;
            if (table == null) {
                continue;
            }
            // downwards: remove() moves the last record into the hole, and that one was checked already
            for (int slot = table.count - 1; slot >= 0; slot--) {
                int seen = table.seen(slot);
                if (seen <= cutoff) {
                    PeerTable other = pass == 0 ? v6 : v4;
                    int twin = other == null ? -1 : other.find(table.id(slot), PeerTable.hash(table.id(slot), 0));
                    remove(table, slot, other, twin);
                } else {
                    oldest = Math.min(oldest, seen);
                }
            }
        }
        // at least one second apart, so a busy swarm is not swept on every announce
        sweepAt = oldest == Integer.MAX_VALUE ? Integer.MAX_VALUE : Math.max(oldest + timeout, now + 1);
        return size();
    }

    private void remove(PeerTable table, int slot, PeerTable other, int twin) {
        int flags = table.flags(slot);
        table.remove(slot);
        if ((flags & TWIN) == 0) {
            count(flags, -1);
            if (twin >= 0) {
                int f = other.flags(twin);
                other.setFlags(twin, f & ~TWIN);
                count(f, 1);
            }
        }
        if (table.count == 0) {
            if (table == v4) {
                v4 = null;
            } else {
                v6 = null;
            }
        }
    }

    private void setState(PeerTable table, int slot, int state) {
        int flags = table.flags(slot);
        if ((flags & TWIN) == 0) {
            count(flags, -1);
            count(state, 1);
        }
        table.setFlags(slot, state | (flags & TWIN));
    }

    private void count(int flags, int delta) {
        if ((flags & SEED) != 0) {
            seeds += delta;
        } else if ((flags & PAUSED) != 0) {
            paused += delta;
        } else {
            leechers += delta;
        }
    }

    /** Up to numwant peers other than the asking client, split between the families by their sizes. */
    private AnnounceResult pick(Announce a, PeerTable table, int slot, PeerTable other, int twin,
            RandomGenerator random) {
        boolean six = a.address().length == 16;
        int self4 = six ? twin : slot;
        int self6 = six ? slot : twin;
        int n4 = v4 == null ? 0 : v4.count - (self4 >= 0 ? 1 : 0);
        int n6 = v6 == null ? 0 : v6.count - (self6 >= 0 ? 1 : 0);
        int want = Math.min(a.numwant(), n4 + n6);
        int m4 = want == 0 ? 0 : (int) ((long) want * n4 / (n4 + n6));
        int m6 = want - m4;
        if (m6 > n6) {
            m4 += m6 - n6;
            m6 = n6;
        }
        byte[] ids4 = a.wantPeerIds() ? new byte[m4 * 20] : null;
        byte[] ids6 = a.wantPeerIds() ? new byte[m6 * 20] : null;
        byte[] peers4 = sample(v4, self4, m4, random, ids4);
        byte[] peers6 = sample(v6, self6, m6, random, ids6);
        return new AnnounceResult(counts(), peers4, peers6, ids4, ids6);
    }

    /**
     * Picks {@code m} distinct slots other than {@code self} in O(m): start at a random slot and
     * walk with a random step coprime to the table size, which visits every slot once per round.
     * Every peer has the same chance to be picked. The step is small (at most 8) so the walk has a
     * short constant stride the CPU prefetches: with thousands of swarms a wide random stride costs
     * a cache miss per peer, which was the largest cost of an announce.
     */
    private static byte[] sample(PeerTable table, int self, int m, RandomGenerator random, byte[] ids) {
        if (m == 0) {
            return NONE;
        }
        int entry = table.addressBytes + 2;
        byte[] out = new byte[m * entry];
        int n = table.count;
        int pos = random.nextInt(n);
        int step = n == 1 ? 1 : 1 + random.nextInt(Math.min(n - 1, 8));
        while (gcd(step, n) != 1) {
            step++;
        }
        int taken = 0;
        for (int visited = 0; taken < m && visited < n; visited++) {
            if (pos != self) {
                table.copyCompact(pos, out, taken * entry);
                if (ids != null) {
                    table.copyId(pos, ids, taken * 20);
                }
                taken++;
            }
            pos += step;
            if (pos >= n) {
                pos -= n;
            }
        }
        return out;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
