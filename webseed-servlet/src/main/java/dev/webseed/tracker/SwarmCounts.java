package dev.webseed.tracker;

/**
 * The sizes of one swarm as scrape reports them (BEP 48), with BEP 21's {@code downloaders}.
 *
 * @param complete    seeds ({@code left=0})
 * @param incomplete  peers still missing data, partial seeds included
 * @param downloaded  {@code event=completed} announces counted so far
 * @param downloaders incomplete peers that are not partial seeds (BEP 21)
 */
public record SwarmCounts(int complete, int incomplete, long downloaded, int downloaders) {
    public static final SwarmCounts EMPTY = new SwarmCounts(0, 0, 0, 0);
}
