package dev.fsc.cli.backfill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The backfills of a project, one folder each under {@code .fsc/backfills/<id>/}: {@code state.json}, the
 * manifests and results of every job the backfill ran, the Spark log and the comparison report.
 */
record BackfillStore(Path project) {
    Path root() {
        return project.resolve(".fsc/backfills");
    }

    Path folder(String id) {
        return root().resolve(id);
    }

    Path stateFile(String id) {
        return folder(id).resolve("state.json");
    }

    /** A new id: the UTC start time, unique among this project's backfills. */
    String newId() {
        String base = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(ZonedDateTime.now(ZoneOffset.UTC));
        String id = base;
        for (int n = 2; Files.exists(folder(id)); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    Optional<BackfillState> load(String id) throws IOException {
        Path file = stateFile(id);
        if (!id.matches("[A-Za-z0-9_-]+") || !Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(BackfillState.fromJson(Files.readString(file, StandardCharsets.UTF_8)));
    }

    /** Replaces the state file in one rename, so a kill leaves either the old or the new state. */
    void save(BackfillState state) throws IOException {
        Path file = stateFile(state.id());
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("state.json.tmp");
        Files.writeString(tmp, state.toJson(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The ids of every backfill, oldest first. */
    List<String> ids() throws IOException {
        if (!Files.isDirectory(root())) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root())) {
            return dirs.filter(d -> Files.exists(d.resolve("state.json"))).map(d -> d.getFileName().toString()).sorted().toList();
        }
    }
}
