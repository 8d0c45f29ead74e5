package io.switchboard.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The permission matrix of {@code docs/security.md}, read from the table between its
 * {@code matrix:begin} and {@code matrix:end} markers, so the page and the tests cannot drift apart.
 */
record PermissionMatrix(List<Row> rows) {

    static final List<String> COLUMNS = List.of("anonymous", Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN,
            Roles.INTEGRATION);

    /** One endpoint: {@code method} is an HTTP method or {@code WS}; {@code allowed} holds column names. */
    record Row(String method, String path, Set<String> allowed) {
        String name() {
            return method + " " + path;
        }

        boolean isSocket() {
            return "WS".equals(method);
        }
    }

    static PermissionMatrix read(Path doc) {
        try {
            return parse(Files.readAllLines(doc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PermissionMatrix parse(List<String> lines) {
        int begin = lines.indexOf("<!-- matrix:begin -->");
        int end = lines.indexOf("<!-- matrix:end -->");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("no matrix markers");
        }
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(begin + 1, end)) {
            String[] cells = line.split("\\|", -1);
            // | Method | Path | five columns | Scope |  → 10 cells around the pipes
            if (cells.length != 10 || cells[1].isBlank() || cells[1].trim().equals("Method")
                    || cells[1].trim().startsWith("---")) {
                continue;
            }
            Set<String> allowed = new TreeSet<>();
            for (int i = 0; i < COLUMNS.size(); i++) {
                String cell = cells[3 + i].trim();
                if (cell.equals("✓")) {
                    allowed.add(COLUMNS.get(i));
                } else if (!cell.isEmpty()) {
                    throw new IllegalArgumentException("cell neither ✓ nor empty: " + line);
                }
            }
            rows.add(new Row(cells[1].trim(), cells[2].trim(), allowed));
        }
        return new PermissionMatrix(List.copyOf(rows));
    }

    List<Row> http() {
        return rows.stream().filter(r -> !r.isSocket()).toList();
    }

    List<Row> sockets() {
        return rows.stream().filter(Row::isSocket).toList();
    }
}
