package dev.webseed.metainfo;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Names that real clients mangle are refused at publication rather than published broken
 * (W20): WebTorrent cuts a URL at {@code #}, sends {@code %} unescaped and so on;
 * Transmission before 4.1 requests a sanitised name ({@code colon_name}, {@code CON_}) that does
 * not exist on the server; servlet containers strip {@code ;params} from paths (RFC 3986 §3.3), so
 * such a file could never be requested. Refused: {@code % # ? [ ] : ; ' & = " * < > | \}, control characters,
 * invalid UTF-8, a trailing dot or space, and the Windows reserved device names with or without
 * an extension. Spaces, {@code +} and letters of any script are allowed (the webseed decodes
 * {@code +} as a literal plus, W9).
 */
public final class NamePolicy {
    private static final String FORBIDDEN = "%#?[]:;'&=\"*<>|\\";
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private NamePolicy() {
    }

    /** Why one name (a single path component) cannot be published, or empty when it can. */
    public static Optional<String> problem(String name) {
        if (name.isEmpty()) {
            return Optional.of("is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (FORBIDDEN.indexOf(c) >= 0) {
                return Optional.of("contains '" + c + "', which torrent clients mangle in webseed URLs");
            }
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return Optional.of("contains the control character U+" + String.format("%04X", (int) c));
            }
            if (c == '\uFFFD' || (Character.isSurrogate(c) && !validSurrogate(name, i))) {
                return Optional.of("is not valid UTF-8");
            }
        }
        char last = name.charAt(name.length() - 1);
        if (last == '.' || last == ' ') {
            return Optional.of("ends with " + (last == '.' ? "a dot" : "a space")
                    + ", which Windows clients cannot create");
        }
        int dot = name.indexOf('.');
        String stem = (dot < 0 ? name : name.substring(0, dot)).stripTrailing().toUpperCase(Locale.ROOT);
        if (RESERVED.contains(stem)) {
            return Optional.of("is the reserved Windows device name " + stem);
        }
        return Optional.empty();
    }

    /** Why a layout cannot be published (naming the offending file), or empty when it can. */
    public static Optional<String> problem(Layout layout) {
        Optional<String> nameProblem = problem(layout.name());
        if (nameProblem.isPresent()) {
            return Optional.of("name '" + layout.name() + "' " + nameProblem.get());
        }
        if (!layout.multiFile()) {
            return Optional.empty();
        }
        for (TorrentFile file : layout.files()) {
            for (String component : file.path()) {
                Optional<String> p = problem(component);
                if (p.isPresent()) {
                    return Optional.of("file '" + layout.name() + "/" + file.joinedPath() + "': '" + component
                            + "' " + p.get());
                }
            }
        }
        return Optional.empty();
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
