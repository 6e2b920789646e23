package dev.webseed.tracker;

/**
 * Peers per address group ({@link PeerLimits#group}) in one {@link PeerTable}: a long-to-int
 * open-addressing map (linear probing, backward-shift deletion), about 12 bytes per group. A count
 * of zero marks a free cell. Not thread-safe: the owning swarm synchronises.
 */
final class GroupCounts {
    private long[] keys = new long[4];
    private int[] counts = new int[4];
    private int size;

    int get(long group) {
        int mask = keys.length - 1;
        for (int i = mix(group) & mask; counts[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == group) {
                return counts[i];
            }
        }
        return 0;
    }

    void add(long group, int delta) {
        int mask = keys.length - 1;
        int i = mix(group) & mask;
        while (counts[i] != 0 && keys[i] != group) {
            i = (i + 1) & mask;
        }
        if (counts[i] == 0) {
            if (delta <= 0) {
                return;
            }
            if ((size + 1) * 4 > keys.length * 3) {
                resize(keys.length * 2);
                add(group, delta);
                return;
            }
            keys[i] = group;
            counts[i] = delta;
            size++;
            return;
        }
        counts[i] += delta;
        if (counts[i] <= 0) {
            delete(i);
        }
    }

    private void delete(int hole) {
        int mask = keys.length - 1;
        counts[hole] = 0;
        size--;
        for (int j = (hole + 1) & mask; counts[j] != 0; j = (j + 1) & mask) {
            int home = mix(keys[j]) & mask;
            boolean stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!stays) {
                keys[hole] = keys[j];
                counts[hole] = counts[j];
                counts[j] = 0;
                hole = j;
            }
        }
        if (size * 8 < keys.length && keys.length > 4) {
            resize(keys.length / 2);
        }
    }

    private void resize(int length) {
        long[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = new long[length];
        counts = new int[length];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldCounts[i] != 0) {
                add(oldKeys[i], oldCounts[i]);
            }
        }
    }

    int size() {
        return size;
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ h >>> 32);
    }
}
