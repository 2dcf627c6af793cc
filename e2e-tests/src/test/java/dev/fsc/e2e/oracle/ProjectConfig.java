package dev.fsc.e2e.oracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the oracle needs from a project's {@code fsc.yaml}: {@code project:} and the files bound to
 * sources under {@code environments.local.inputs}. Read with a minimal reader of block-style YAML
 * mappings (the layout fsc.yaml uses for these keys), so that the oracle needs no YAML library.
 */
record ProjectConfig(String project, Map<String, String> inputs) {
    private static final List<String> INPUTS_PATH = List.of("environments", "local", "inputs");

    static ProjectConfig read(Path fscYaml) {
        List<String> lines;
        try {
            lines = Files.readAllLines(fscYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String project = null;
        Map<String, String> inputs = new LinkedHashMap<>();
        List<Integer> indents = new ArrayList<>();
        List<String> path = new ArrayList<>();
        for (String raw : lines) {
            String line = stripComment(raw).stripTrailing();
            if (line.isBlank() || line.strip().equals("---")) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent) {
                indents.remove(indents.size() - 1);
                path.remove(path.size() - 1);
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = unquote(line.substring(indent, colon).strip());
            String value = unquote(line.substring(colon + 1).strip());
            if (path.isEmpty() && key.equals("project")) {
                project = value;
            } else if (path.equals(INPUTS_PATH) && !value.isEmpty()) {
                inputs.put(key, value);
            }
            indents.add(indent);
            path.add(key);
        }
        if (project == null) {
            throw new IllegalArgumentException(fscYaml + ": no project:");
        }
        return new ProjectConfig(project, inputs);
    }

    /** Drops a {@code #} comment: a '#' at the start or after a space, outside quotes. */
    private static String stripComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
