package dev.webseed;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every citation in a comment of a source (main and test), a script or a document of the
 * repository points at something a reader of the repository has:
 * a row or section of {@code docs/protocol.md}, a section of another document in the repository,
 * or an RFC/BEP section. The rules are {@link Citations}'; the synthetic cases below show each one
 * failing.
 */
final class CitationsTest {
    private static final Map<String, String> DOCS = Map.of(
            "docs/protocol.md", "# Rules\n### W12 — no error status\n### T2 — always 200\n## Tracker details\n### Scrape\n",
            "README.md", "# Webseed\n");

    @Test
    void sourcesAndDocuments_citeOnlyWhatTheRepositoryHas() throws IOException {
        Path root = root();
        Map<String, String> documents = new TreeMap<>();
        documents.put("README.md", Files.readString(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).toList()) {
                documents.put("docs/" + doc.getFileName(), Files.readString(doc, StandardCharsets.UTF_8));
            }
        }
        Citations citations = new Citations(documents);
        List<String> problems = new ArrayList<>();
        int files = 0;
        for (String module : List.of("webseed-servlet", "jetty-module", "tomcat-example")) {
            try (Stream<Path> sources = Files.walk(root.resolve(module).resolve("src"))) {
                for (Path source : sources.filter(Files::isRegularFile).filter(CitationsTest::isSource).sorted()
                        .toList()) {
                    files++;
                    problems.addAll(citations.problems(root.relativize(source).toString(),
                            Files.readString(source, StandardCharsets.UTF_8)));
                }
            }
        }
        List<Path> prose = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> more = Stream.concat(Files.list(root.resolve("docs")), Files.list(root.resolve("bench")))) {
            more.filter(Files::isRegularFile).filter(CitationsTest::isProse).sorted().forEach(prose::add);
        }
        for (Path file : prose) {
            files++;
            problems.addAll(citations.problems(root.relativize(file).toString(), Files.readString(file)));
        }
        assertThat("sources, scripts and documents scanned", files, greaterThan(100));
        assertThat("citations resolved (W/T rows, documents, RFC/BEP sections)", citations.resolved(), greaterThan(100));
        assertThat(String.join("\n", problems), problems, is(empty()));
    }

    @Test
    void row_resolvesOnlyToAHeadingOfProtocolMd() {
        assertThat(check("/** answered 200 (T2), never 503 (W12). */"), is(empty()));
        assertThat(check("/** never 503 (W13). */"), contains("F.java: row W13 is not a heading of docs/protocol.md in: never 503 (W13)."));
        assertThat(check("// a T10 row\nint x;"), hasSize(1));
    }

    @Test
    void rowLikeWordsAndStringLiterals_areNotCitations() {
        assertThat(check("String s = \"W99 T77 issue 4 checklist\"; // LPT1 W3C T2x"), is(empty()));
        assertThat(check("char c = '\"'; String s = \"§\"; int W99 = 1;"), is(empty()));
    }

    @Test
    void document_mustExistAndHaveTheQuotedSection() {
        assertThat(check("/** see docs/protocol.md \"Scrape\" and README.md. */"), is(empty()));
        assertThat(check("/** see docs/protocol.md \"Full scrape\". */"), hasSize(1));
        assertThat(check("/** see docs/missing.md. */"), hasSize(1));
        assertThat(check("/** the contract (DESIGN.md \"Endpoints\") */"), hasSize(1));
        assertThat(check("/** anchors (reference/anchors.md) and style.md */"), hasSize(2));
    }

    @Test
    void outsideDocumentsAndIssueNumbers_areRefused() {
        assertThat(check("// bep-checklist §1.3 item 10"), hasSize(2));
        assertThat(check("/** see checklist W12 */"), hasSize(1));
        assertThat(check("// fast paths (issue 6)"), hasSize(1));
        assertThat(check("// paygate front (Issue #4)"), hasSize(1));
    }

    @Test
    void sectionSign_needsItsDocumentInTheSameComment() {
        assertThat(check("// RFC 9110 §14.1.1: last-pos before first-pos is invalid"), is(empty()));
        assertThat(check("// BEP 27 §\"private\"\n// and §3 of it"), is(empty()));
        assertThat(check("/** RFC 9110 §14.2 */ class F {}\n// §14.1.1: no document in this comment"), hasSize(1));
        assertThat(check("// a line\n\nint x;\n// §1.6 item 6: the previous comment ended"), hasSize(1));
    }

    @Test
    void xmlComments_areChecked() {
        Citations citations = new Citations(DOCS);
        assertThat(citations.problems("web.xml", "<!-- W12 --><param>W99</param><!-- issue 3 -->"), hasSize(1));
    }

    private static List<String> check(String source) {
        return new Citations(DOCS).problems("F.java", source);
    }

    /** Sources with comments: Java, XML, Jetty module files, scripts; not this test's own cases. */
    /** Documents and scripts are text; pictures beside them (docs/*.png) are not scanned. */
    private static boolean isProse(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".md") || name.endsWith(".sh") || name.endsWith(".lua") || name.endsWith(".py");
    }

    private static boolean isSource(Path file) {
        String name = file.getFileName().toString();
        return !name.startsWith("Citations") && (name.endsWith(".java") || name.endsWith(".xml")
                || name.endsWith(".mod") || name.endsWith(".py") || name.endsWith(".sh"));
    }

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 3 && dir != null; i++, dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs")) && Files.isDirectory(dir.resolve("jetty-module"))) {
                return dir;
            }
        }
        throw new AssertionError("no repository root above " + Path.of("").toAbsolutePath());
    }
}
