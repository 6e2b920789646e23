package dev.webseed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the citations in the comments of one source file against the repository's documents.
 *
 * <p>What a comment may cite, and what it must resolve to:</p>
 * <ul>
 * <li>a webseed or tracker row ({@code W12}, {@code T9}): a heading starting with that id in
 *     {@code docs/protocol.md};</li>
 * <li>a document ({@code docs/design.md}, {@code README.md}): a file of the repository; followed
 *     by a quoted name ({@code docs/protocol.md "Scrape"}), a heading of that document;</li>
 * <li>a section sign ({@code §14.2}): only after an RFC, a BEP, the Jakarta Servlet specification
 *     ({@code Servlet 6.0 §12.2}) or a repository document named in
 *     the same comment, so a reader knows which document's section it is;</li>
 * <li>never a file outside the repository (any other {@code *.md}, "checklist", "reference/")
 *     or an issue number.</li>
 * </ul>
 * A comment is one block comment or a run of consecutive line comments (string literals are not
 * comments), an XML comment, or the whole of a script or a Markdown document.
 */
final class Citations {
    private static final Pattern ROW = Pattern.compile("(?<![\\w-])([WT]\\d{1,2})(?![\\w-])");
    private static final Pattern DOC = Pattern.compile("(?<![\\w/.-])((?:docs/)?[\\w.-]+\\.md)(?:\\s+\"([^\"]+)\")?");
    private static final Pattern OUTSIDE = Pattern.compile(
            "(?i)(?<![\\w-])(bep-checklist|checklist|reference/|issue\\s+#?\\d+)");
    private static final Pattern SECTION_SOURCE = Pattern.compile("RFC\\s*\\d+|BEP\\s*\\d+|Servlet\\s*\\d+(?:\\.\\d+)?|(?:docs/)?[\\w.-]+\\.md");

    /** Documents by repository-relative name ({@code docs/protocol.md}, {@code README.md}) to their text. */
    private final Map<String, String> documents;
    private int resolved;

    Citations(Map<String, String> documents) {
        this.documents = documents;
    }

    /** How many citations resolved so far, over every file checked. */
    int resolved() {
        return resolved;
    }

    /** The citations in {@code source}'s comments that point at nothing in the repository. */
    List<String> problems(String file, String source) {
        List<String> problems = new ArrayList<>();
        for (String comment : comments(file, source)) {
            check(comment, problem -> problems.add(file + ": " + problem + " in: " + abbreviate(comment)));
        }
        return problems;
    }

    private void check(String comment, java.util.function.Consumer<String> problem) {
        Matcher outside = OUTSIDE.matcher(comment);
        while (outside.find()) {
            problem.accept("\"" + outside.group(1) + "\" is not in the repository");
        }
        Matcher row = ROW.matcher(comment);
        while (row.find()) {
            if (hasHeading("docs/protocol.md", row.group(1))) {
                resolved++;
            } else {
                problem.accept("row " + row.group(1) + " is not a heading of docs/protocol.md");
            }
        }
        Matcher doc = DOC.matcher(comment);
        while (doc.find()) {
            String name = doc.group(1);
            if (!documents.containsKey(name)) {
                problem.accept(name + " is not a document of the repository");
            } else if (doc.group(2) != null && !hasHeading(name, doc.group(2))) {
                problem.accept(name + " has no section \"" + doc.group(2) + "\"");
            } else {
                resolved++;
            }
        }
        int section = comment.indexOf('§');
        while (section >= 0) {
            Matcher source = SECTION_SOURCE.matcher(comment.substring(0, section));
            String last = null;
            while (source.find()) {
                last = source.group();
            }
            if (last == null) {
                problem.accept("a § names no RFC, BEP or document before it");
            } else if (last.endsWith(".md") && !documents.containsKey(last)) {
                problem.accept("a § of " + last + ", which is not in the repository");
            } else {
                resolved++;
            }
            section = comment.indexOf('§', section + 1);
        }
    }

    private boolean hasHeading(String document, String name) {
        String text = documents.get(document);
        if (text == null) {
            return false;
        }
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                String heading = line.replaceFirst("^#+\\s*", "");
                if (heading.equals(name) || heading.startsWith(name + " ")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The comments of a Java or XML source, each with its line prefixes removed and joined by spaces. */
    static List<String> comments(String file, String source) {
        List<String> comments = new ArrayList<>();
        if (file.endsWith(".xml")) {
            Matcher m = Pattern.compile("(?s)<!--(.*?)-->").matcher(source);
            while (m.find()) {
                comments.add(m.group(1).replaceAll("\\s+", " ").trim());
            }
            return comments;
        }
        if (file.endsWith(".md")) {
            comments.add(source.replaceAll("\\s+", " ")); // prose: all of it
            return comments;
        }
        if (!file.endsWith(".java")) {
            comments.add(source.replaceAll("(?m)^\\s*#+", " ").replaceAll("\\s+", " ").trim()); // scripts: all of it
            return comments;
        }
        StringBuilder lineRun = null;
        int lastLineCommentLine = -2;
        int line = 0;
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                line += count(source, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                String body = source.substring(i + 2, end - 2);
                comments.add(body.replaceAll("(?m)^\\s*\\*+", " ").replaceAll("\\s+", " ").trim());
                line += count(source, i, end);
                i = end;
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                end = end < 0 ? n : end;
                String text = source.substring(i + 2, end).trim();
                if (lineRun != null && lastLineCommentLine == line - 1) {
                    lineRun.append(' ').append(text);
                } else {
                    if (lineRun != null) {
                        comments.add(lineRun.toString());
                    }
                    lineRun = new StringBuilder(text);
                }
                lastLineCommentLine = line;
                i = end;
            } else {
                i++;
            }
        }
        if (lineRun != null) {
            comments.add(lineRun.toString());
        }
        return comments;
    }

    private static int count(String s, int from, int to) {
        int lines = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static String abbreviate(String comment) {
        return comment.length() <= 120 ? comment : comment.substring(0, 117) + "...";
    }
}
