package dev.webseed.tracker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The peers of one swarm for one address family, packed into one {@code byte[]} with a fixed
 * stride (no object per peer), plus an open-addressing index (linear probing, backward-shift
 * deletion) from peer id to slot. Slots are dense {@code [0, count)}: removal moves the last
 * record into the hole, so a random slot is a random peer and picking {@code numwant} peers is
 * O(numwant).
 *
 * <p>Record layout, {@code A} = 4 (IPv4) or 16 (IPv6) address bytes:</p>
 * <pre>
 * [0, 20)        peer id (BEP 3)
 * [20, 20+A+2)   address and port in network byte order: exactly the BEP 23 / BEP 7 compact form
 * [22+A]         flags (Swarm.SEED, PAUSED, TWIN)
 * [24+A, 28+A)   last announce, seconds since the store's epoch
 * </pre>
 * 32 bytes per IPv4 peer and 44 per IPv6 peer, plus about 6 bytes of index and 12 per address
 * group ({@link PeerLimits}). Not thread-safe: the owning {@link Swarm} synchronises.
 */
final class PeerTable {
    static final int ID = 0;
    static final int ID_BYTES = 20;
    static final int ADDR = 20;
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final int MIN_SLOTS = 2;

    final int addressBytes;
    final int stride;
    private final int flagsAt;
    private final int seenAt;
    private byte[] data;
    /** slot + 1, 0 = free; the length is a power of two and at most 3/4 full. */
    private int[] index;
    /** Peers per address group ({@link PeerLimits#group}). */
    private final GroupCounts groups = new GroupCounts();
    int count;

    PeerTable(int addressBytes) {
        this.addressBytes = addressBytes;
        this.stride = 28 + addressBytes;
        this.flagsAt = 22 + addressBytes;
        this.seenAt = 24 + addressBytes;
        this.data = new byte[MIN_SLOTS * stride];
        this.index = new int[4];
    }

    /** A well-mixed hash of the 20-byte id at {@code bytes[off]}; client prefixes are alike, so all of it counts. */
    static int hash(byte[] bytes, int off) {
        long h = (long) LONG.get(bytes, off) * 0x9E3779B97F4A7C15L;
        h ^= (long) LONG.get(bytes, off + 8) * 0xC2B2AE3D27D4EB4FL;
        h ^= ((int) INT.get(bytes, off + 16) & 0xffffffffL) * 0x165667B19E3779F9L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ h >>> 32);
    }

    /** The slot of that peer id, or -1. */
    int find(byte[] peerId, int hash) {
        int mask = index.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            int entry = index[i];
            if (entry == 0) {
                return -1;
            }
            int slot = entry - 1;
            if (Arrays.equals(data, slot * stride, slot * stride + ID_BYTES, peerId, 0, ID_BYTES)) {
                return slot;
            }
        }
    }

    /** Appends a peer (the caller checked it is absent) and returns its slot. */
    int add(byte[] peerId, int hash, byte[] address, int port, int flags, int seen) {
        if ((count + 1) * stride > data.length) {
            int slots = Math.max(MIN_SLOTS, count + (count >> 1) + 1); // grow by half: little slack
            data = Arrays.copyOf(data, slots * stride);
        }
        if ((count + 1) * 4 > index.length * 3) {
            rehash(index.length * 2);
        }
        int slot = count++;
        int base = slot * stride;
        System.arraycopy(peerId, 0, data, base, ID_BYTES);
        writeAddress(slot, address, port);
        groups.add(group(slot), 1);
        data[base + flagsAt] = (byte) flags;
        INT.set(data, base + seenAt, seen);
        place(hash, slot);
        return slot;
    }

    /** Removes a slot; the last record moves into it. */
    void remove(int slot) {
        int last = count - 1;
        groups.add(group(slot), -1);
        unindex(slot);
        if (slot != last) {
            int movedAt = indexOf(last);
            System.arraycopy(data, last * stride, data, slot * stride, stride);
            index[movedAt] = slot + 1;
        }
        count--;
        if (count * 4 < data.length / stride && data.length / stride > MIN_SLOTS * 2) {
            data = Arrays.copyOf(data, Math.max(MIN_SLOTS, count * 2) * stride);
        }
        if (count * 8 < index.length && index.length > 4) {
            rehash(Math.max(4, index.length / 4));
        }
    }

    /** Moves a stored peer to another address (its group counts change with it). */
    void setAddress(int slot, byte[] address, int port) {
        long before = group(slot);
        writeAddress(slot, address, port);
        long after = group(slot);
        if (after != before) {
            groups.add(before, -1);
            groups.add(after, 1);
        }
    }

    /** Peers of this address group in the table. */
    int groupCount(long group) {
        return groups.get(group);
    }

    /** The address group of a slot ({@link PeerLimits#group}). */
    long group(int slot) {
        return PeerLimits.group(data, slot * stride + ADDR, addressBytes);
    }

    private void writeAddress(int slot, byte[] address, int port) {
        int base = slot * stride + ADDR;
        System.arraycopy(address, 0, data, base, addressBytes);
        data[base + addressBytes] = (byte) (port >>> 8);
        data[base + addressBytes + 1] = (byte) port;
    }

    int flags(int slot) {
        return data[slot * stride + flagsAt];
    }

    void setFlags(int slot, int flags) {
        data[slot * stride + flagsAt] = (byte) flags;
    }

    int seen(int slot) {
        return (int) INT.get(data, slot * stride + seenAt);
    }

    void setSeen(int slot, int seen) {
        INT.set(data, slot * stride + seenAt, seen);
    }

    /** Copies the compact address+port (BEP 23 / BEP 7 layout) of a slot. */
    void copyCompact(int slot, byte[] out, int off) {
        System.arraycopy(data, slot * stride + ADDR, out, off, addressBytes + 2);
    }

    void copyId(int slot, byte[] out, int off) {
        System.arraycopy(data, slot * stride, out, off, ID_BYTES);
    }

    byte[] id(int slot) {
        return Arrays.copyOfRange(data, slot * stride, slot * stride + ID_BYTES);
    }

    private void place(int hash, int slot) {
        int mask = index.length - 1;
        int i = hash & mask;
        while (index[i] != 0) {
            i = (i + 1) & mask;
        }
        index[i] = slot + 1;
    }

    private int indexOf(int slot) {
        int mask = index.length - 1;
        for (int i = hash(data, slot * stride) & mask; ; i = (i + 1) & mask) {
            if (index[i] == slot + 1) {
                return i;
            }
        }
    }

    /** Backward-shift deletion keeps every probe chain unbroken without tombstones. */
    private void unindex(int slot) {
        int mask = index.length - 1;
        int hole = indexOf(slot);
        int j = hole;
        while (true) {
            j = (j + 1) & mask;
            int entry = index[j];
            if (entry == 0) {
                index[hole] = 0;
                return;
            }
            int home = hash(data, (entry - 1) * stride) & mask;
            // the entry at j may fill the hole unless its home lies cyclically in (hole, j]
            boolean stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!stays) {
                index[hole] = entry;
                hole = j;
            }
        }
    }

    private void rehash(int size) {
        index = new int[size];
        for (int slot = 0; slot < count; slot++) {
            place(hash(data, slot * stride), slot);
        }
    }
}
