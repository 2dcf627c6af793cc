package dev.fsc.e2e.oracle;

import dev.fsc.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads a local input: a JSON-lines file, or a folder of them (in file-name order). */
final class JsonLines {
    private JsonLines() {
    }

    static List<Map<String, Object>> read(Path input) {
        try {
            if (Files.isDirectory(input)) {
                List<Map<String, Object>> records = new ArrayList<>();
                try (Stream<Path> files = Files.list(input)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        records.addAll(readFile(file));
                    }
                }
                return records;
            }
            return readFile(input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Map<String, Object>> readFile(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (!name.endsWith(".jsonl") && !name.endsWith(".json")) {
            throw new IllegalArgumentException(file + ": the oracle reads JSON lines only");
        }
        List<Map<String, Object>> records = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                records.add(Json.parseObject(line));
            }
        }
        return records;
    }
}
