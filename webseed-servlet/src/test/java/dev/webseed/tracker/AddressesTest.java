package dev.webseed.tracker;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class AddressesTest {
    private static String hex(byte[] b) {
        return b == null ? null : HexFormat.of().formatHex(b);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {
        "127.0.0.1, 7f000001",
        "::ffff:192.0.2.1, c0000201",          // IPv4-mapped IPv6 is IPv4 (BEP 7)
        "[::1], 00000000000000000000000000000001",
        "2001:db8::1, 20010db8000000000000000000000001",
        "fe80::1%eth0, fe800000000000000000000000000001",
        "256.0.0.1, null",
        "1.2.3, null",
        "01.2.3.4.5, null",
        "localhost, null",                      // a name is never looked up
        "example.com, null",
        "::g, null",
    })
    void literal(String text, String expectedHex) {
        assertThat(text, hex(Addresses.literal(text)), is(expectedHex));
    }

    @Test
    void untrustedSocket_ignoresForwardingHeaders() {
        Addresses none = new Addresses(List.of());
        assertThat("no proxies configured", hex(none.client("192.0.2.7", Map.of("X-Forwarded-For", "1.1.1.1")::get)),
                is("c0000207"));
        Addresses proxies = new Addresses(List.of("10.0.0.0/8"));
        assertThat("socket not a proxy", hex(proxies.client("192.0.2.7",
                Map.of("X-Forwarded-For", "1.1.1.1")::get)), is("c0000207"));
    }

    @Test
    void trustedProxy_rightmostUntrustedHopIsTheClient() {
        Addresses proxies = new Addresses(List.of("10.0.0.0/8", "::1"));
        assertThat("XFF through two proxies", hex(proxies.client("10.1.2.3",
                Map.of("X-Forwarded-For", "6.6.6.6, 198.51.100.9, 10.9.9.9")::get)), is("c6336409"));
        assertThat("Forwarded, quoted IPv6 with port", hex(proxies.client("::1",
                Map.of("Forwarded", "for=\"[2001:db8::17]:4711\";proto=https")::get)),
                is("20010db8000000000000000000000017"));
        assertThat("Forwarded, IPv4 with port", hex(proxies.client("::1",
                Map.of("Forwarded", "for=192.0.2.60:80;by=10.0.0.1")::get)), is("c000023c"));
        assertThat("no header: the proxy itself", hex(proxies.client("10.0.0.1", name -> null)), is("0a000001"));
        TrackerFailure e = assertThrows(TrackerFailure.class,
                () -> proxies.client("10.0.0.1", Map.of("X-Forwarded-For", "unknown")::get));
        assertThat("garbage from a trusted proxy", e.reason(), containsString("forwarding"));
    }

    @Test
    void badNetworks_areRejectedByName() {
        assertThat("bad prefix", assertThrows(IllegalArgumentException.class,
                () -> new Addresses(List.of("10.0.0.0/33"))).getMessage(), containsString("10.0.0.0/33"));
        assertThat("a name", assertThrows(IllegalArgumentException.class,
                () -> new Addresses(List.of("proxy.local"))).getMessage(), containsString("proxy.local"));
        assertThat("prefix match", new Addresses(List.of("192.168.0.0/23")).isTrusted(new byte[] {
            (byte) 192, (byte) 168, 1, (byte) 200}), is(true));
        assertThat("prefix miss", new Addresses(List.of("192.168.0.0/23")).isTrusted(new byte[] {
            (byte) 192, (byte) 168, 2, 0}), is(false));
        assertThat("null literal", Addresses.literal(null), nullValue());
    }
}
