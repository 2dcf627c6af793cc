package dev.fsc.cli.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fsc.cli.Main;
import dev.fsc.compiler.Compiler;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.model.Source;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two example projects, copied to a temporary folder and generated once per test JVM with the
 * default arguments (generation takes a few seconds), plus helpers to read what was written.
 */
final class GeneratedExamples {
    /** Events per day the examples are generated with (the command's default). */
    static final int EVENTS_PER_DAY = Integer.parseInt(SampleDataCommand.DEFAULT_EVENTS_PER_DAY);
    static final Path EXAMPLES = Path.of("..", "specs", "examples").toAbsolutePath().normalize();
    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final Map<String, GeneratedExamples> CACHE = new LinkedHashMap<>();

    final Path root;
    final Model model;
    final Run run;

    /** What one fsc run printed and returned. */
    record Run(int code, String out, String err) {
    }

    private GeneratedExamples(Path root, Model model, Run run) {
        this.root = root;
        this.model = model;
        this.run = run;
    }

    static synchronized GeneratedExamples of(String example) {
        return CACHE.computeIfAbsent(example, name -> {
            try {
                Path dir = Files.createTempDirectory("fsc-sample-" + name);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
                Path root = copyExample(name, dir.resolve(name));
                Run run = fsc("sample-data", "--project", root.toString());
                assertEquals(0, run.code(), run.err());
                return new GeneratedExamples(root, new Compiler().compile(root).model().orElseThrow(), run);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static Path copyExample(String name, Path target) throws IOException {
        Path from = EXAMPLES.resolve(name);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(f -> !f.startsWith(from.resolve("data"))).toList()) {
                Path to = target.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
        return target;
    }

    static Run fsc(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    Source source(String name) {
        return model.source(name).orElseThrow();
    }

    List<Source> sources(boolean cdc) {
        return model.sources().stream()
                .filter(s -> (s.spec().type().value() == dev.fsc.compiler.spec.SourceSpec.SourceType.CDC) == cdc).toList();
    }

    Path file(String source) {
        return root.resolve("data").resolve(source + ".jsonl");
    }

    private final Map<String, List<JsonNode>> parsed = new LinkedHashMap<>();

    /** Every line of a source's file, parsed (once: the files do not change after generation). */
    synchronized List<JsonNode> lines(String source) {
        return parsed.computeIfAbsent(source, this::read);
    }

    private List<JsonNode> read(String source) {
        try {
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : Files.readAllLines(file(source))) {
                nodes.add(JSON.readTree(line));
            }
            return List.copyOf(nodes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode manifest;

    synchronized JsonNode manifest() {
        try {
            if (manifest == null) {
                manifest = JSON.readTree(Files.readString(root.resolve("data/MANIFEST.json")));
            }
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode manifestEntry(String source) {
        for (JsonNode file : manifest().get("files")) {
            if (file.get("source").asString().equals(source)) {
                return file;
            }
        }
        throw new AssertionError("no manifest entry for " + source);
    }

    /** The first (from) or after-last (to) millisecond of the generated window, from the manifest. */
    long manifestWindow(boolean from) {
        return java.time.Instant.parse(manifest().get("window").get(from ? "from" : "to").asString()).toEpochMilli();
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
