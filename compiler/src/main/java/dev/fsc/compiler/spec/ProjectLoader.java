package dev.fsc.compiler.spec;

import dev.fsc.compiler.diag.Code;
import dev.fsc.compiler.diag.Diagnostic;
import dev.fsc.compiler.diag.Diagnostics;
import dev.fsc.compiler.diag.DidYouMean;
import dev.fsc.compiler.source.SourceFile;
import dev.fsc.compiler.source.SourcePos;
import dev.fsc.compiler.yaml.YMap;
import dev.fsc.compiler.yaml.YNode;
import dev.fsc.compiler.yaml.YScalar;
import dev.fsc.compiler.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Phases 1 and 2: reads a project folder (fsc.yaml and every spec file below it), checks each
 * document against its kind's JSON Schema and builds the spec records.
 */
public final class ProjectLoader {
    public static final String PROJECT_FILE = "fsc.yaml";
    private static final Set<String> SKIPPED_FOLDERS = Set.of("target", "build", "node_modules", "data");

    private final YamlReader yaml = new YamlReader();
    private final SchemaCheck projectSchema = SchemaCheck.forSchema("fsc");
    private final Map<SpecKind, SchemaCheck> kindSchemas = new EnumMap<>(SpecKind.class);

    public ProjectLoader() {
        for (SpecKind kind : SpecKind.values()) {
            kindSchemas.put(kind, SchemaCheck.forSchema(kind.yamlName()));
        }
    }

    /** Loads the project rooted at {@code root} (the folder holding fsc.yaml). */
    public Optional<LoadedProject> load(Path root, Diagnostics diagnostics) {
        Path projectFile = root.resolve(PROJECT_FILE);
        Optional<ProjectSpec> project = readProjectFile(root, projectFile, diagnostics);
        List<Path> files = specFiles(root, diagnostics);
        // files are independent until resolution: read and shape-check them on all cores, keep file order
        List<FileResult> results = files.parallelStream().map(this::readSpecFile).toList();
        List<Spec> specs = new ArrayList<>();
        Set<String> malformed = new HashSet<>();
        for (FileResult result : results) {
            diagnostics.addAll(result.diagnostics());
            specs.addAll(result.specs());
            malformed.addAll(result.malformedNames());
        }
        return project.map(p -> new LoadedProject(p, specs, malformed, files.size() + 1));
    }

    /** One spec file's well-formed specs, the names of its malformed ones, and its problems. */
    private record FileResult(List<Spec> specs, Set<String> malformedNames, List<Diagnostic> diagnostics) {
    }

    private FileResult readSpecFile(Path file) {
        Diagnostics diagnostics = new Diagnostics();
        List<Spec> specs = new ArrayList<>();
        Set<String> malformed = new HashSet<>();
        SpecReader reader = new SpecReader();
        read(file, diagnostics).ifPresent(source -> {
            YamlReader.Result result = yaml.read(source);
            diagnostics.addAll(result.diagnostics());
            result.documents().forEach(doc -> readDocument(doc, reader, diagnostics).ifPresentOrElse(
                    specs::add, () -> nameOf(doc).ifPresent(malformed::add)));
        });
        diagnostics.addAll(reader.diagnostics());
        return new FileResult(specs, malformed, diagnostics.sorted());
    }

    private Optional<ProjectSpec> readProjectFile(Path root, Path projectFile, Diagnostics diagnostics) {
        Optional<SourceFile> source = read(projectFile, diagnostics);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        YamlReader.Result result = yaml.read(source.get());
        diagnostics.addAll(result.diagnostics());
        if (result.documents().isEmpty()) {
            if (result.diagnostics().isEmpty()) {
                diagnostics.add(Diagnostic.error(Code.MISSING_FIELD, SourcePos.startOf(projectFile), "fsc.yaml is empty")
                        .withHint("start it with `project: <name>`"));
            }
            return Optional.empty();
        }
        YNode document = result.documents().get(0);
        List<Diagnostic> problems = projectSchema.check(document);
        diagnostics.addAll(problems);
        if (problems.stream().anyMatch(Diagnostic::isError)) {
            return Optional.empty();
        }
        return Optional.of(new SpecReader().project(root, document));
    }

    private Optional<Spec> readDocument(YNode document, SpecReader reader, Diagnostics diagnostics) {
        if (!(document instanceof YMap map)) {
            diagnostics.add(Diagnostic.error(Code.WRONG_SHAPE, document.pos(),
                    "a spec document must be a mapping with `kind:` and `name:`, not " + document.describe()));
            return Optional.empty();
        }
        Optional<YNode> kindNode = map.get("kind");
        if (kindNode.isEmpty() || !(kindNode.get() instanceof YScalar kindScalar)) {
            diagnostics.add(Diagnostic.error(Code.MISSING_KIND, map.pos(), "document has no `kind:`")
                    .withHint("add `kind:` with one of: " + String.join(", ", SpecKind.yamlNames())));
            return Optional.empty();
        }
        Optional<SpecKind> kind = SpecKind.fromYaml(kindScalar.value());
        if (kind.isEmpty()) {
            diagnostics.add(Diagnostic.error(Code.UNKNOWN_KIND, kindScalar.pos(), "unknown kind `" + kindScalar.value() + "`")
                    .withHint(DidYouMean.hint(kindScalar.value(), SpecKind.yamlNames())
                            .orElse("kinds are: " + String.join(", ", SpecKind.yamlNames()))));
            return Optional.empty();
        }
        List<Diagnostic> problems = kindSchemas.get(kind.get()).check(document);
        diagnostics.addAll(problems);
        if (problems.stream().anyMatch(Diagnostic::isError)) {
            return Optional.empty();
        }
        return reader.spec(kind.get(), document);
    }

    private static Optional<String> nameOf(YNode document) {
        if (document instanceof YMap map
                && map.get("kind").orElse(null) instanceof YScalar kind
                && map.get("name").orElse(null) instanceof YScalar name) {
            return SpecKind.fromYaml(kind.value()).map(k -> LoadedProject.qualifiedName(k, name.value()));
        }
        return Optional.empty();
    }

    /** Spec files below the root in path order, skipping nested projects, hidden and build folders. */
    static List<Path> specFiles(Path root, Diagnostics diagnostics) {
        List<Path> files = new ArrayList<>();
        collect(root, root, files, diagnostics);
        files.sort(null);
        return files;
    }

    private static void collect(Path root, Path folder, List<Path> files, Diagnostics diagnostics) {
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.sorted().toList()) {
                String name = entry.getFileName().toString();
                if (Files.isDirectory(entry)) {
                    boolean skipped = name.startsWith(".") || SKIPPED_FOLDERS.contains(name)
                            || Files.exists(entry.resolve(PROJECT_FILE));
                    if (!skipped) {
                        collect(root, entry, files, diagnostics);
                    }
                } else if ((name.endsWith(".yaml") || name.endsWith(".yml")) && !entry.equals(root.resolve(PROJECT_FILE))) {
                    files.add(entry);
                }
            }
        } catch (IOException e) {
            diagnostics.add(Diagnostic.error(Code.UNREADABLE_FILE, SourcePos.startOf(folder), "cannot list folder: " + e.getMessage()));
        }
    }

    private static Optional<SourceFile> read(Path file, Diagnostics diagnostics) {
        try {
            return Optional.of(new SourceFile(file, Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            diagnostics.add(Diagnostic.error(Code.UNREADABLE_FILE, SourcePos.startOf(file),
                    "cannot read file: " + e.getClass().getSimpleName() + " " + e.getMessage()));
            return Optional.empty();
        }
    }
}
