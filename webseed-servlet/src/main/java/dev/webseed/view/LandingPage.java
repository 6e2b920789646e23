package dev.webseed.view;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.webseed.Webseed;
import dev.webseed.config.Settings;
import dev.webseed.http.Route;
import dev.webseed.http.UrlPath;
import dev.webseed.metainfo.Torrent;
import dev.webseed.publish.Progress;
import dev.webseed.publish.Publication;
import dev.webseed.tracker.SwarmCounts;

/**
 * {@code /}: the published top-level torrents as a plain HTML page (readable without JavaScript,
 * one column on a phone): name, size, {@code .torrent} and magnet links, seeders, leechers,
 * completed, and the hashing state of those not ready yet. Paid publications are left out unless
 * {@code landingListPaid}. {@code landingPageSize} rows per page ({@code ?page=2} for the next),
 * so a page costs one pass over the publications plus a swarm lookup per row shown.
 */
public final class LandingPage {
    private LandingPage() {
    }

    /**
     * The page.
     *
     * @param page 1-based page number
     */
    public static byte[] render(Webseed webseed, int page) {
        int size = webseed.config().get(Settings.LANDING_PAGE_SIZE);
        boolean listPaid = webseed.config().get(Settings.LANDING_LIST_PAID);
        long skip = (long) (Math.max(1, page) - 1) * size;
        StringBuilder rows = new StringBuilder();
        int shown = 0;
        long listed = 0;
        for (Map.Entry<String, Publication> e : webseed.publisher().publications().entrySet()) {
            String path = e.getKey();
            if (path.indexOf('/') >= 0 || (!listPaid && webseed.paygate().isPaid(path))) {
                continue;
            }
            listed++;
            if (listed <= skip || shown >= size) {
                continue;
            }
            shown++;
            row(rows, webseed, path, e.getValue());
        }
        Progress progress = webseed.publisher().progress();
        StringBuilder html = new StringBuilder(2048 + rows.length());
        html.append(Html.head("Webseed"));
        html.append("<header><h1>Webseed</h1><p>").append(listed).append(listed == 1 ? " torrent" : " torrents");
        if (progress.torrentsHashing() > 0) {
            html.append(", hashing ").append(progress.torrentsHashing()).append(" (")
                    .append(Math.round(progress.fraction() * 100)).append("%)");
        }
        html.append(" · <a href=\"status\">status</a></p></header>\n<main>\n");
        if (listed == 0) {
            html.append("<p>Nothing published yet.</p>\n");
        } else {
            html.append("<table><thead><tr><th>Name</th><th>Size</th><th>Seeders</th><th>Leechers</th>")
                    .append("<th>Completed</th><th>Get it</th></tr></thead><tbody>\n").append(rows)
                    .append("</tbody></table>\n");
        }
        long pages = Math.max(1, (listed + size - 1) / size);
        if (pages > 1) {
            html.append("<nav>page ").append(Math.max(1, page)).append(" of ").append(pages);
            if (page > 1) {
                html.append(" · <a href=\"?page=").append(page - 1).append("\">previous</a>");
            }
            if (page < pages) {
                html.append(" · <a href=\"?page=").append(page + 1).append("\">next</a>");
            }
            html.append("</nav>\n");
        }
        html.append("</main>\n<footer>A BitTorrent web seed and tracker: any torrent client downloads from this ")
                .append("server and from each other.</footer>\n</body></html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder out, Webseed webseed, String path, Publication p) {
        out.append("<tr><td data-label=\"Name\">").append(Html.escape(path)).append("</td>");
        if (p instanceof Publication.Ready ready) {
            Torrent torrent = ready.torrent();
            SwarmCounts counts = webseed.tracker().map(t -> t.counts(torrent.infoHash())).orElse(SwarmCounts.EMPTY);
            String link = Route.TORRENT.relative() + UrlPath.encodePath(path);
            out.append("<td data-label=\"Size\">").append(Progress.human(torrent.totalLength())).append("</td>")
                    .append("<td data-label=\"Seeders\">").append(counts.complete()).append("</td>")
                    .append("<td data-label=\"Leechers\">").append(counts.incomplete()).append("</td>")
                    .append("<td data-label=\"Completed\">").append(counts.downloaded()).append("</td>")
                    .append("<td><a href=\"").append(Html.escape(link)).append(".torrent\">.torrent</a> · ")
                    .append("<a href=\"").append(Html.escape(link)).append(".magnet\">magnet</a></td></tr>\n");
        } else {
            String state = p instanceof Publication.Hashing h ? "hashing " + h.percent() + "%" : OpsView.state(p);
            out.append("<td colspan=\"5\" data-label=\"State\">").append(Html.escape(state)).append("</td></tr>\n");
        }
    }
}
