package io.switchboard.pbxconf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Asterisk .conf file as Asterisk's config reader sees it: {@code [section](template)} headers,
 * {@code key = value} / {@code key => value} lines, {@code ;} comments ({@code \;} is a literal
 * semicolon) and {@code #include} / {@code #tryinclude}. Lines it would not accept are problems.
 */
record AsteriskConf(Path file, List<Section> sections, List<Include> includes, List<String> problems) {

    record Entry(String key, String value, boolean arrow, int line) {
    }

    record Section(String name, List<String> templates, boolean template, List<Entry> entries, int line) {

        List<String> values(String key) {
            return entries.stream().filter(e -> e.key().equalsIgnoreCase(key)).map(Entry::value).toList();
        }

        Optional<String> value(String key) {
            List<String> v = values(key);
            return v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
        }
    }

    record Include(String pattern, boolean optional, int line) {
    }

    private static final Pattern HEADER = Pattern.compile("\\[([^\\[\\]]+)](?:\\(([^()]*)\\))?");
    private static final Pattern INCLUDE = Pattern.compile("#(try)?include\\s+\"?([^\"]+?)\"?");
    private static final Pattern ENTRY = Pattern.compile("([^=]+?)\\s*=(>?)\\s*(.*)");

    static AsteriskConf read(Path file) {
        try {
            return parse(file, Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AsteriskConf parse(Path file, String text) {
        List<Section> sections = new ArrayList<>();
        List<Include> includes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Section current = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int n = i + 1;
            String line = stripComment(lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher m = INCLUDE.matcher(line);
                if (m.matches()) {
                    includes.add(new Include(m.group(2).strip(), m.group(1) != null, n));
                } else {
                    problems.add(where(file, n) + "unknown directive: " + line);
                }
                continue;
            }
            if (line.startsWith("[")) {
                Matcher m = HEADER.matcher(line);
                if (!m.matches()) {
                    problems.add(where(file, n) + "unbalanced section header: " + line);
                    continue;
                }
                List<String> templates = new ArrayList<>();
                boolean template = false;
                if (m.group(2) != null) {
                    for (String t : m.group(2).split(",")) {
                        if (t.strip().equals("!")) {
                            template = true;
                        } else if (!t.isBlank()) {
                            templates.add(t.strip());
                        }
                    }
                }
                current = new Section(m.group(1).strip(), templates, template, new ArrayList<>(), n);
                sections.add(current);
                continue;
            }
            Matcher m = ENTRY.matcher(line);
            if (!m.matches()) {
                problems.add(where(file, n) + "neither section, setting nor directive: " + line);
            } else if (current == null) {
                problems.add(where(file, n) + "setting outside any section: " + line);
            } else {
                current.entries().add(new Entry(m.group(1).strip(), m.group(3).strip(), !m.group(2).isEmpty(), n));
            }
        }
        return new AsteriskConf(file, sections, includes, problems);
    }

    /** Sections of that name that are not templates, merged with their templates' entries. */
    List<Section> sections(String name) {
        return sections.stream().filter(s -> s.name().equals(name) && !s.template()).map(this::withTemplates).toList();
    }

    Optional<Section> section(String name) {
        List<Section> s = sections(name);
        return s.isEmpty() ? Optional.empty() : Optional.of(s.get(0));
    }

    List<Section> concreteSections() {
        return sections.stream().filter(s -> !s.template()).map(this::withTemplates).toList();
    }

    private Section withTemplates(Section s) {
        List<Entry> all = new ArrayList<>();
        for (String t : s.templates()) {
            sections.stream().filter(x -> x.name().equals(t) && x.template()).findFirst()
                    .ifPresent(x -> all.addAll(withTemplates(x).entries()));
        }
        all.addAll(s.entries());
        return new Section(s.name(), s.templates(), s.template(), all, s.line());
    }

    private static String stripComment(String line) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == ';') {
                out.append(';');
                i++;
            } else if (c == ';') {
                break;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String where(Path file, int line) {
        return file.getFileName() + ":" + line + ": ";
    }
}
