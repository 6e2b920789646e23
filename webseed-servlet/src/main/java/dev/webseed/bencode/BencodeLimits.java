package dev.webseed.bencode;

/**
 * Bounds for {@link BencodeReader}, each one an attack it stops (the Netty decoder-config idea).
 *
 * @param maxInputBytes  total size of one input; bounds the work of a single decode
 * @param maxStringBytes length of one byte string; stops a {@code 2147483647:} header from
 *                       allocating gigabytes
 * @param maxDepth       nesting of lists and dictionaries; stops {@code llllll…} from
 *                       exhausting the stack
 * @param maxEntries     elements of one list or entries of one dictionary
 * @param maxValues      values in the whole input; bounds the object graph
 */
public record BencodeLimits(int maxInputBytes, int maxStringBytes, int maxDepth, int maxEntries, int maxValues) {

    /**
     * Defaults sized for metainfo: 64 MiB of input (a 1 TiB film at 256 KiB pieces has
     * 80 MiB of piece hashes, so huge torrents need a larger piece length or a raised limit),
     * one string up to the whole input, 64 levels, 1 Mi entries per container and 4 Mi values.
     */
    public static final BencodeLimits DEFAULTS = new BencodeLimits(64 << 20, 64 << 20, 64, 1 << 20, 4 << 20);

    public BencodeLimits {
        requirePositive(maxInputBytes, "maxInputBytes");
        requirePositive(maxStringBytes, "maxStringBytes");
        requirePositive(maxDepth, "maxDepth");
        requirePositive(maxEntries, "maxEntries");
        requirePositive(maxValues, "maxValues");
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
