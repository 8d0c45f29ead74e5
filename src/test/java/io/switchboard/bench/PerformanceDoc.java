package io.switchboard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites the figure sections of {@code docs/performance.md} from the fragments the benchmarks
 * wrote to {@code target/bench/<name>.md}: only the text between {@code <!-- bench:<name>:begin -->}
 * and {@code <!-- bench:<name>:end -->} changes; everything else stays byte for byte.
 *
 * <p>Args: doc fragment-dir [names…]; without names, every fragment in the directory. The
 * document is written only when every requested section was replaced.
 */
public final class PerformanceDoc {

    private PerformanceDoc() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: PerformanceDoc <doc.md> <fragment-dir> [name...]");
            System.exit(2);
        }
        Path doc = Path.of(args[0]);
        Path dir = Path.of(args[1]);
        List<String> names = new ArrayList<>(List.of(args).subList(2, args.length));
        if (names.isEmpty() && Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".md")).sorted()
                        .forEach(f -> names.add(f.substring(0, f.length() - 3)));
            }
        }
        String text;
        try {
            text = rewrite(Files.readString(doc, StandardCharsets.UTF_8), dir, names);
        } catch (IllegalArgumentException e) {
            System.err.println(doc + " left unchanged: " + e.getMessage());
            System.exit(1);
            return;
        }
        Files.writeString(doc, text, StandardCharsets.UTF_8);
        System.out.println(doc + ": rewrote " + (names.isEmpty() ? "nothing (no fragments)" : String.join(", ", names)));
    }

    /** The document with the sections of {@code names} replaced by their fragments in {@code dir}. */
    static String rewrite(String doc, Path dir, List<String> names) throws IOException {
        String text = doc;
        for (String name : names) {
            Path fragment = dir.resolve(name + ".md");
            if (!Files.isRegularFile(fragment)) {
                throw new IllegalArgumentException("no figures for '" + name + "': " + fragment
                        + " is missing (did the benchmark finish?)");
            }
            text = replace(text, name, Files.readString(fragment, StandardCharsets.UTF_8));
        }
        return text;
    }

    static String begin(String name) {
        return "<!-- bench:" + name + ":begin -->";
    }

    static String end(String name) {
        return "<!-- bench:" + name + ":end -->";
    }

    /**
     * The document with the section of {@code name} holding {@code fragment} (one blank-free line
     * break after the begin marker and before the end marker).
     *
     * @throws IllegalArgumentException when a marker is missing, repeated or out of order, or the
     *                                  fragment itself holds a marker
     */
    static String replace(String doc, String name, String fragment) {
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("not a section name: '" + name + "'");
        }
        String b = begin(name);
        String e = end(name);
        int from = single(doc, b, name);
        int to = single(doc, e, name);
        if (to < from) {
            throw new IllegalArgumentException("'" + e + "' comes before '" + b + "'");
        }
        if (fragment.contains("<!-- bench:")) {
            throw new IllegalArgumentException("the figures for '" + name + "' contain a section marker");
        }
        String body = fragment.strip();
        return doc.substring(0, from + b.length()) + "\n" + (body.isEmpty() ? "" : body + "\n") + doc.substring(to);
    }

    private static int single(String doc, String marker, String name) {
        int at = doc.indexOf(marker);
        if (at < 0) {
            throw new IllegalArgumentException("marker '" + marker + "' not found: add the section for '" + name
                    + "' to the document");
        }
        if (doc.indexOf(marker, at + 1) >= 0) {
            throw new IllegalArgumentException("marker '" + marker + "' appears more than once");
        }
        return at;
    }
}
