/**
 * The origin's egress: a budget for all web seed responses together and a first-copy-first
 * scheduler that spends it ("the swarm carries the film", README "Origin bandwidth").
 *
 * <p>A web seed is never choked and holds every piece, so peers keep asking it for bytes it has
 * already sent to someone else; unlimited, the origin sends a film about five times to ten peers.
 * This package keeps, per file, a record of which 16 KiB blocks the origin already sent, and paces
 * responses so that blocks never sent go first and repeats take only what is left, at full speed
 * when nothing else waits (work-conserving). That is superseeding (BEP 16: "upload each piece only
 * once") done by a web seed: the peers then trade the repeats among themselves.</p>
 *
 * <p>Responses are paced, never refused (docs/protocol.md W12: a 503 or 403 makes libtorrent and
 * aria2 drop the web seed for the session), and a repeat that waits too long is served anyway so no
 * connection sits silent near libtorrent's 20 s web seed timeout.</p>
 *
 * <p>Counters: {@link dev.webseed.origin.OriginScheduler#snapshot()} gives first-copy bytes, repeat
 * bytes, time paced and record resets, in total and per file ({@link
 * dev.webseed.origin.OriginSnapshot#under(String)} sums a publication).</p>
 *
 * <p>Everything plugs in as a {@link dev.webseed.seed.ContentSender} decorator, so every sender
 * (the copying one, Jetty's mapped one) goes through it, and Tomcat's sendfile hand-off is declined
 * while a budget is set. Time comes from an injected {@link java.time.Clock} and waiting from a
 * {@link dev.webseed.origin.Parker}, so tests never sleep.</p>
 */
package dev.webseed.origin;
