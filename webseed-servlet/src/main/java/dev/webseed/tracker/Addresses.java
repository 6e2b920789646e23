package dev.webseed.tracker;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * IP address literals as raw bytes, and the trusted-proxy rule: the peer's address is the
 * socket's, unless the socket belongs to a configured proxy network, in which case the last
 * address in {@code X-Forwarded-For} (or RFC 7239 {@code Forwarded: for=}) that is not itself a
 * trusted proxy is the peer (docs/protocol.md "Client addresses"). Nothing here ever resolves a host name.
 * Public because the operator view's {@code statsAllow} rule uses the same networks and proxies.
 */
public final class Addresses {
    private final List<byte[]> networks = new ArrayList<>();
    private final List<Integer> prefixes = new ArrayList<>();

    /**
     * @param trusted addresses or CIDR networks ({@code 10.0.0.0/8}, {@code ::1})
     * @throws IllegalArgumentException naming the first entry that is not one
     */
    public Addresses(List<String> trusted) {
        for (String entry : trusted) {
            int slash = entry.indexOf('/');
            byte[] address = literal(slash < 0 ? entry : entry.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR network");
            }
            int prefix = address.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > address.length * 8) {
                    throw new IllegalArgumentException("'" + entry + "' has a bad prefix length");
                }
            }
            networks.add(address);
            prefixes.add(prefix);
        }
    }

    /**
     * True when a request from {@code remoteAddr} came through a configured proxy, whose
     * forwarding headers (client address here; scheme and host for the public URL, {@code
     * dev.webseed.http.BaseUrl}) may be believed. The one trust rule of the server.
     */
    public boolean isTrustedProxy(String remoteAddr) {
        byte[] socket = literal(remoteAddr);
        return socket != null && hasProxies() && isTrusted(socket);
    }

    /**
     * The values of one parameter ({@code for}, {@code host}, {@code proto}) in an RFC 7239
     * {@code Forwarded} header, in header order, quotes removed; empty for none.
     */
    public static List<String> forwarded(String header, String parameter) {
        List<String> values = new ArrayList<>();
        if (header == null) {
            return values;
        }
        String prefix = parameter + "=";
        for (String element : header.split(",")) {
            for (String pair : element.split(";")) {
                String p = pair.trim();
                if (p.regionMatches(true, 0, prefix, 0, prefix.length())) {
                    String v = p.substring(prefix.length()).trim();
                    values.add(v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")
                            ? v.substring(1, v.length() - 1) : v);
                }
            }
        }
        return values;
    }

    boolean hasProxies() {
        return !networks.isEmpty();
    }

    public boolean isTrusted(byte[] address) {
        for (int i = 0; i < networks.size(); i++) {
            if (matches(networks.get(i), prefixes.get(i), address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The peer's address for a request from {@code remoteAddr}.
     *
     * @param header the request's header values by name (several lines joined with commas)
     * @throws TrackerFailure when the socket address is unreadable, or a trusted proxy sent an
     *                        unreadable forwarding header
     */
    public byte[] client(String remoteAddr, Function<String, String> header) {
        byte[] socket = literal(remoteAddr);
        if (socket == null) {
            throw new TrackerFailure("cannot tell your address");
        }
        if (!hasProxies() || !isTrusted(socket)) {
            return socket;
        }
        List<String> chain = new ArrayList<>();
        String xff = header.apply("X-Forwarded-For");
        if (xff != null && !xff.isBlank()) {
            for (String hop : xff.split(",")) {
                chain.add(hop.trim());
            }
        } else {
            String forwarded = header.apply("Forwarded");
            if (forwarded == null || forwarded.isBlank()) {
                return socket;
            }
            for (String node : forwarded(forwarded, "for")) {
                chain.add(forwardedNode(node));
            }
        }
        byte[] client = socket;
        for (int i = chain.size() - 1; i >= 0 && isTrusted(client); i--) {
            client = literal(chain.get(i));
            if (client == null) {
                throw new TrackerFailure("unreadable forwarding header from a trusted proxy");
            }
        }
        return client;
    }

    /** RFC 7239 §6: {@code [2001:db8::1]:4711}, {@code 192.0.2.1:80} or {@code 192.0.2.1} (unquoted). */
    private static String forwardedNode(String v) {
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            return close < 0 ? v : v.substring(1, close);
        }
        int colon = v.indexOf(':');
        return colon >= 0 && v.indexOf(':', colon + 1) < 0 ? v.substring(0, colon) : v;
    }

    /**
     * The bytes of an IPv4 or IPv6 literal, IPv4-mapped IPv6 normalised to 4 bytes (BEP 7,
     * docs/protocol.md "Client addresses"), or null when the text is not a literal.
     */
    static byte[] literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return null;
        }
        String t = text;
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        if (t.indexOf(':') < 0) {
            return ipv4(t);
        }
        int zone = t.indexOf('%');
        if (zone >= 0) {
            t = t.substring(0, zone);
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                return null;
            }
        }
        try {
            // a literal containing ':' is parsed, never looked up
            InetAddress address = InetAddress.getByName(t);
            byte[] bytes = address.getAddress();
            return address instanceof Inet6Address ? normalise(bytes) : bytes;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Strict dotted quad: four decimal parts 0-255 (no octal, no short forms). */
    static byte[] ipv4(String t) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= t.length(); i++) {
            char c = i < t.length() ? t.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part == 4) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    static byte[] normalise(byte[] address) {
        if (address.length == 16) {
            for (int i = 0; i < 10; i++) {
                if (address[i] != 0) {
                    return address;
                }
            }
            if (address[10] == (byte) 0xff && address[11] == (byte) 0xff) {
                return Arrays.copyOfRange(address, 12, 16);
            }
        }
        return address;
    }

    /** Dotted quad or colon-hex text of an address (dictionary-model peers, BEP 3/BEP 7). */
    static String text(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static boolean matches(byte[] network, int prefix, byte[] address) {
        if (network.length != address.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (network[i] != address[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (network[full] & mask) == (address[full] & mask);
    }
}
