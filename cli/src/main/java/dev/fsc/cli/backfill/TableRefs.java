package dev.fsc.cli.backfill;

import dev.fsc.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The branches of one Iceberg table of a local (Hadoop) warehouse, read from its current metadata file
 * ({@code metadata/version-hint.text} → {@code v<N>.metadata.json}) without starting Spark. The CLI uses it
 * to know which tables a backfill branch touched, whether main moved since, and what a publish already did.
 *
 * @param table catalog-relative name, {@code namespace.table}
 * @param refs branch and tag name → snapshot id
 * @param parents snapshot id → its parent's id (absent for the first snapshot)
 * @param partitionColumns the names of the default partition spec's fields
 */
public record TableRefs(String table, Map<String, Long> refs, Map<Long, Long> parents, List<String> partitionColumns) {
    public static final String MAIN = "main";

    public TableRefs {
        refs = Map.copyOf(refs);
        parents = Map.copyOf(parents);
        partitionColumns = List.copyOf(partitionColumns);
    }

    public Optional<Long> main() {
        return Optional.ofNullable(refs.get(MAIN));
    }

    public Optional<Long> ref(String name) {
        return Optional.ofNullable(refs.get(name));
    }

    /** Whether main can be fast-forwarded to {@code branch}: main is empty, or the branch's head descends from main's. */
    public boolean canFastForward(String branch) {
        Long head = refs.get(branch);
        Long main = refs.get(MAIN);
        if (head == null || main == null) {
            return head != null;
        }
        for (Long s = head; s != null; s = parents.get(s)) {
            if (s.equals(main)) {
                return true;
            }
        }
        return false;
    }

    /** The newest snapshot main and the branch share; empty if they share none (cut from an empty main) or no branch. */
    public Optional<Long> forkPoint(String branch) {
        Set<Long> onBranch = new HashSet<>();
        for (Long s = refs.get(branch); s != null; s = parents.get(s)) {
            onBranch.add(s);
        }
        for (Long s = refs.get(MAIN); s != null; s = parents.get(s)) {
            if (onBranch.contains(s)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Every table of the warehouse, by name. */
    public static Map<String, TableRefs> scan(Path warehouse) {
        Map<String, TableRefs> tables = new TreeMap<>();
        if (!Files.isDirectory(warehouse)) {
            return tables;
        }
        try (Stream<Path> hints = Files.find(warehouse, 4, (p, a) -> p.getFileName().toString().equals("version-hint.text"))) {
            for (Path hint : hints.toList()) {
                Path tableDir = hint.getParent().getParent();
                String name = warehouse.relativize(tableDir).toString().replace('/', '.');
                tables.put(name, read(name, hint));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }

    @SuppressWarnings("unchecked")
    private static TableRefs read(String name, Path hint) throws IOException {
        String version = Files.readString(hint, StandardCharsets.UTF_8).trim();
        Path metadata = hint.resolveSibling("v" + version + ".metadata.json");
        Map<String, Object> json = Json.parseObject(Files.readString(metadata, StandardCharsets.UTF_8));
        Map<String, Long> refs = new HashMap<>();
        ((Map<String, Object>) json.getOrDefault("refs", Map.of())).forEach((ref, value) ->
                refs.put(ref, (Long) ((Map<String, Object>) value).get("snapshot-id")));
        Map<Long, Long> parents = new HashMap<>();
        for (Object s : (List<Object>) json.getOrDefault("snapshots", new ArrayList<>())) {
            Map<String, Object> snapshot = (Map<String, Object>) s;
            Object parent = snapshot.get("parent-snapshot-id");
            if (parent != null) {
                parents.put((Long) snapshot.get("snapshot-id"), (Long) parent);
            }
        }
        List<String> partitionColumns = new ArrayList<>();
        for (Object spec : (List<Object>) json.getOrDefault("partition-specs", new ArrayList<>())) {
            Map<String, Object> s = (Map<String, Object>) spec;
            if (s.get("spec-id").equals(json.get("default-spec-id"))) {
                ((List<Object>) s.get("fields")).forEach(f -> partitionColumns.add((String) ((Map<String, Object>) f).get("name")));
            }
        }
        return new TableRefs(name, refs, parents, partitionColumns);
    }
}
