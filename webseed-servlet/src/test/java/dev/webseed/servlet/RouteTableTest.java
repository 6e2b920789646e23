package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;

import jakarta.servlet.http.HttpServlet;

import org.junit.jupiter.api.Test;

import dev.webseed.http.Route;

/** The route table names the servlets of this package, and their URLs relative to the base. */
final class RouteTableTest {

    @Test
    void everyRouteNamesAServletOfThisPackage() throws Exception {
        assertThat(Class.forName(Route.SEED.servletClass()), is((Object) SeedServlet.class));
        assertThat(Class.forName(Route.TORRENT.servletClass()), is((Object) TorrentServlet.class));
        assertThat(Class.forName(Route.TRACKER.servletClass()), is((Object) TrackerServlet.class));
        assertThat(Class.forName(Route.LISTENER_CLASS), is((Object) WebseedListener.class));
        assertThat(Class.forName(Route.ACCESS_LOG_LISTENER_CLASS), is((Object) AccessLogMask.class));
        for (Route route : Route.values()) {
            assertThat(route.name(), HttpServlet.class.isAssignableFrom(Class.forName(route.servletClass())), is(true));
        }
    }

    @Test
    void relativeUrlsFollowTheMappings() {
        assertThat(Route.SEED.urlPatterns(), is(List.of("/seed/*")));
        assertThat(Route.SEED.relative(), is("seed/"));
        assertThat(Route.SEED.relative("a.b_c-d"), is("seed/t/a.b_c-d/"));
        assertThat(Route.TORRENT.relative(), is("torrent/"));
        assertThat(Route.TRACKER.urlPatterns(), is(List.of("/announce", "/scrape")));
        assertThat(Route.TRACKER.relative(), is("announce"));
        assertThat(Route.scrape(), is("scrape"));
    }
}
