package dev.fsc.common.manifest;

import dev.fsc.common.json.Json;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A compiled batch or streaming job: the contract between the compiler, which writes it, and the
 * runtimes, which execute it. It is a JSON file ({@link #toJson()} / {@link #fromJson(String)});
 * the runtimes know nothing of specs or plans, only this.
 *
 * <p>Invariants, checked by the constructors (so every {@code JobManifest} that exists holds them,
 * and {@link #fromJson} rejects files that break them with the field's path):
 * <ul>
 *   <li>{@code formatVersion} is {@link #FORMAT_VERSION}; a runtime never guesses at another format.
 *   <li>{@code project}, {@code job}, {@code planHash}, {@code fscVersion} are non-blank.
 *   <li>Step ids are unique; every {@code dependsOn} names another step; the dependencies form no
 *       cycle. Steps run in {@link #executionOrder()}: dependencies first, otherwise in file order.
 *   <li>Every {@code ${name}} in any statement names a declared parameter (see
 *       {@link SqlParameters}); runtimes substitute before executing, and nothing else.
 *   <li>A {@link Kind#PUBLISH PUBLISH} step needs a {@code branch}, and depends (directly or through
 *       other steps) on every {@link Severity#ERROR error} {@link Kind#CHECK CHECK}, so it runs
 *       only after all of them; it publishes only if all of them passed.
 *   <li>Table names are catalog-relative, {@code namespace.table} (the runtime qualifies them with
 *       the catalog name, which is also the session's default catalog, so SQL may use them as is).
 * </ul>
 *
 * @param formatVersion version of this contract; {@link #FORMAT_VERSION}
 * @param project the fsc project name
 * @param job the job name (unique within the project)
 * @param planHash content hash of the plan this job was generated from
 * @param fscVersion version of the fsc that wrote the manifest
 * @param catalog the Iceberg catalog all tables live in
 * @param parameters values for {@code ${name}} references, e.g. {@code ds} = the day processed
 *     (kept sorted by name, so output is deterministic)
 * @param branch write–audit–publish branch: when present, every table the job writes (INSERT, MERGE,
 *     UPDATE, DELETE) is written on this branch and read from it, so main changes only when a PUBLISH
 *     step fast-forwards it (DDL is not branched: it acts on the table itself). A branch left by a
 *     failed run is resumed by the next run with the same name
 * @param steps the steps, in file order
 */
public record JobManifest(
        int formatVersion,
        String project,
        String job,
        String planHash,
        String fscVersion,
        CatalogConfig catalog,
        Map<String, String> parameters,
        Optional<String> branch,
        List<Step> steps) {

    /** The manifest format this code reads and writes. */
    public static final int FORMAT_VERSION = 1;
    /** Catalog name used when the manifest names none. */
    public static final String DEFAULT_CATALOG_NAME = "fsc";

    /** Step ids, catalog names and branch names: letters, digits, {@code _ . -}, starting with a letter, digit or {@code _}. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    /** A catalog-relative table name: {@code namespace[.namespace...].table}, plain identifiers. */
    public static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+");

    public JobManifest {
        if (formatVersion != FORMAT_VERSION) {
            throw new ManifestException("formatVersion: this fsc reads manifest format " + FORMAT_VERSION
                    + ", the file has " + formatVersion + " (regenerate it with the same fsc version as the runtime)");
        }
        project = nonBlank(project, "project");
        job = nonBlank(job, "job");
        planHash = nonBlank(planHash, "planHash");
        fscVersion = nonBlank(fscVersion, "fscVersion");
        Objects.requireNonNull(catalog, "catalog");
        parameters = sortedCopy(parameters, "parameters");
        for (String name : parameters.keySet()) {
            if (!SqlParameters.NAME.matcher(name).matches()) {
                throw new ManifestException("parameters: invalid parameter name \"" + name + "\" (expected "
                        + SqlParameters.NAME.pattern() + ")");
            }
        }
        Objects.requireNonNull(branch, "branch");
        branch.ifPresent(b -> {
            if (!ID.matcher(b).matches() || b.equals("main")) {
                throw new ManifestException("branch: invalid branch name \"" + b + "\" (expected "
                        + ID.pattern() + ", not main)");
            }
        });
        steps = List.copyOf(steps);
        validateSteps(steps, parameters, branch);
    }

    /** The steps in the order a runtime executes them: each after its dependencies, ties in file order. */
    public List<Step> executionOrder() {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            index.put(steps.get(i).id(), i);
        }
        int[] missing = new int[steps.size()];
        List<List<Integer>> dependents = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            dependents.add(new ArrayList<>());
        }
        for (int i = 0; i < steps.size(); i++) {
            for (String dep : steps.get(i).dependsOn()) {
                missing[i]++;
                dependents.get(index.get(dep)).add(i);
            }
        }
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
        for (int i = 0; i < steps.size(); i++) {
            if (missing[i] == 0) {
                ready.add(i);
            }
        }
        List<Step> order = new ArrayList<>(steps.size());
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(steps.get(i));
            for (int d : dependents.get(i)) {
                if (--missing[d] == 0) {
                    ready.add(d);
                }
            }
        }
        return List.copyOf(order);
    }

    /** The step with this id. */
    public Optional<Step> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** A step's statements with parameters substituted, ready to execute. */
    public List<String> resolvedSql(Step step) {
        List<String> out = new ArrayList<>(step.sql().size());
        for (String statement : step.sql()) {
            out.add(SqlParameters.substitute(statement, parameters));
        }
        return List.copyOf(out);
    }

    /** Every table some PUBLISH step publishes, in order of first mention: the tables written through the branch. */
    public List<String> publishedTables() {
        Set<String> tables = new LinkedHashSet<>();
        for (Step s : steps) {
            if (s.kind() == Kind.PUBLISH) {
                tables.addAll(s.tables());
            }
        }
        return List.copyOf(tables);
    }

    // ---------------------------------------------------------------- JSON

    /** This manifest as deterministic JSON (2-space indent, fixed field order, trailing newline). */
    public String toJson() {
        return Json.write(toJsonTree()) + "\n";
    }

    Map<String, Object> toJsonTree() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("formatVersion", (long) formatVersion);
        root.put("project", project);
        root.put("job", job);
        root.put("planHash", planHash);
        root.put("fscVersion", fscVersion);
        Map<String, Object> cat = new LinkedHashMap<>();
        cat.put("type", catalog.type().toString());
        cat.put("name", catalog.name());
        catalog.warehouse().ifPresent(w -> cat.put("warehouse", w));
        cat.put("options", new LinkedHashMap<>(catalog.options()));
        root.put("catalog", cat);
        root.put("parameters", new LinkedHashMap<>(parameters));
        branch.ifPresent(b -> root.put("branch", b));
        List<Object> stepList = new ArrayList<>();
        for (Step s : steps) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("kind", s.kind().toString());
            if (s.kind() == Kind.CHECK) {
                m.put("severity", s.severity().toString());
            }
            m.put("dependsOn", new ArrayList<Object>(s.dependsOn()));
            m.put("tables", new ArrayList<Object>(s.tables()));
            m.put("sql", new ArrayList<Object>(s.sql()));
            stepList.add(m);
        }
        root.put("steps", stepList);
        return root;
    }

    /**
     * Reads a manifest. Unknown fields are errors; {@code catalog.name} defaults to
     * {@value #DEFAULT_CATALOG_NAME}; empty lists and maps may be omitted.
     *
     * @throws ManifestException on malformed JSON (with line:column) or a broken invariant (with the field's path)
     */
    public static JobManifest fromJson(String json) {
        Fields root = Fields.root(json);
        int version = root.intValue("formatVersion");
        if (version != FORMAT_VERSION) {
            // Say this before complaining about fields a different format may legitimately have.
            throw new ManifestException("formatVersion: this fsc reads manifest format " + FORMAT_VERSION
                    + ", the file has " + version + " (regenerate it with the same fsc version as the runtime)");
        }
        String project = root.string("project");
        String job = root.string("job");
        String planHash = root.string("planHash");
        String fscVersion = root.string("fscVersion");
        Fields cat = root.object("catalog");
        CatalogConfig catalog = new CatalogConfig(
                cat.enumValue("type", CatalogType.class),
                cat.stringOr("name", DEFAULT_CATALOG_NAME),
                cat.optionalString("warehouse"),
                cat.stringMap("options"));
        cat.done();
        Map<String, String> parameters = root.stringMap("parameters");
        Optional<String> branch = root.optionalString("branch");
        List<Step> steps = new ArrayList<>();
        for (Fields f : root.objects("steps")) {
            String id = f.string("id");
            Kind kind = f.enumValue("kind", Kind.class);
            Severity severity = f.optionalString("severity")
                    .map(v -> Fields.parseEnum(v, Severity.class, f.path() + ".severity"))
                    .orElse(Severity.ERROR);
            List<String> dependsOn = f.strings("dependsOn");
            List<String> tables = f.strings("tables");
            List<String> sql = f.strings("sql");
            f.done();
            try {
                steps.add(new Step(id, kind, severity, sql, tables, dependsOn));
            } catch (ManifestException e) {
                throw new ManifestException(f.path() + "." + e.getMessage(), e);
            }
        }
        root.done();
        return new JobManifest(version, project, job, planHash, fscVersion, catalog, parameters, branch, steps);
    }

    // ---------------------------------------------------------------- validation helpers

    private static void validateSteps(List<Step> steps, Map<String, String> parameters, Optional<String> branch) {
        Map<String, Step> byId = new LinkedHashMap<>();
        for (Step s : steps) {
            if (byId.put(s.id(), s) != null) {
                throw new ManifestException("steps: duplicate step id \"" + s.id() + "\"");
            }
        }
        for (Step s : steps) {
            for (String dep : s.dependsOn()) {
                if (!byId.containsKey(dep)) {
                    throw new ManifestException("step " + s.id() + ": dependsOn names unknown step \"" + dep + "\"");
                }
            }
            for (int i = 0; i < s.sql().size(); i++) {
                try {
                    SqlParameters.substitute(s.sql().get(i), parameters);
                } catch (ManifestException e) {
                    throw new ManifestException("step " + s.id() + ", sql[" + i + "]: " + e.getMessage(), e);
                }
            }
        }
        List<String> cycle = findCycle(steps, byId);
        if (!cycle.isEmpty()) {
            throw new ManifestException("steps: dependency cycle " + String.join(" -> ", cycle));
        }
        for (Step s : steps) {
            if (s.kind() != Kind.PUBLISH) {
                continue;
            }
            if (branch.isEmpty()) {
                throw new ManifestException("step " + s.id() + ": a PUBLISH step needs the manifest's branch"
                        + " (without a branch, writes go straight to main and there is nothing to publish)");
            }
            Set<String> upstream = upstream(s, byId);
            for (Step c : steps) {
                if (c.kind() == Kind.CHECK && c.severity() == Severity.ERROR && !upstream.contains(c.id())) {
                    throw new ManifestException("step " + s.id() + ": a PUBLISH step must depend (directly or"
                            + " through other steps) on every error CHECK, but not on \"" + c.id() + "\"");
                }
            }
        }
    }

    private static Set<String> upstream(Step step, Map<String, Step> byId) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(step.dependsOn());
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (seen.add(id)) {
                todo.addAll(byId.get(id).dependsOn());
            }
        }
        return seen;
    }

    /** A dependency cycle as a path of ids (first id repeated at the end), or empty. */
    private static List<String> findCycle(List<Step> steps, Map<String, Step> byId) {
        Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
        for (Step s : steps) {
            List<String> path = new ArrayList<>();
            List<String> cycle = visit(s.id(), byId, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> visit(String id, Map<String, Step> byId, Map<String, Integer> state, List<String> path) {
        Integer st = state.get(id);
        if (st != null && st == 2) {
            return List.of();
        }
        if (st != null && st == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
            cycle.add(id);
            return cycle;
        }
        state.put(id, 1);
        path.add(id);
        for (String dep : byId.get(id).dependsOn()) {
            List<String> cycle = visit(dep, byId, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        state.put(id, 2);
        return List.of();
    }

    static String nonBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ManifestException(field + ": must not be blank");
        }
        return value;
    }

    static Map<String, String> sortedCopy(Map<String, String> map, String field) {
        Objects.requireNonNull(map, field);
        Map<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : map.entrySet()) {
            sorted.put(Objects.requireNonNull(e.getKey(), field + " key"),
                    Objects.requireNonNull(e.getValue(), field + "." + e.getKey()));
        }
        return Collections.unmodifiableMap(sorted);
    }

    static List<String> checkedList(List<String> list, String field) {
        List<String> copy = List.copyOf(Objects.requireNonNull(list, field));
        if (new HashSet<>(copy).size() != copy.size()) {
            throw new ManifestException(field + ": duplicate entries " + copy);
        }
        return copy;
    }

    // ---------------------------------------------------------------- nested types

    /** Which Iceberg catalog implementation holds the tables. */
    public enum CatalogType {
        /** Iceberg's Hadoop catalog on a file system path ({@code warehouse}); the local environment. */
        HADOOP,
        /** AWS Glue Data Catalog, data on S3 ({@code warehouse} = {@code s3://bucket/prefix}). */
        GLUE,
        /** An Iceberg REST catalog ({@code options.uri}; {@code warehouse} as the server wants it). */
        REST;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The Iceberg catalog of a job.
     *
     * @param type implementation
     * @param name the catalog's name in the engine session (Spark: {@code spark.sql.catalog.<name>}),
     *     also the session's default catalog
     * @param warehouse root location of table data; required for hadoop and glue. A relative local
     *     path is resolved by the runtime against the manifest's folder
     * @param options further catalog properties, passed to the engine's Iceberg catalog verbatim
     *     (e.g. {@code uri}, {@code io-impl}, {@code client.region}); kept sorted by key
     */
    public record CatalogConfig(CatalogType type, String name, Optional<String> warehouse, Map<String, String> options) {
        public CatalogConfig {
            Objects.requireNonNull(type, "catalog.type");
            if (name == null || !ID.matcher(name).matches() || name.contains(".") || name.contains("-")) {
                throw new ManifestException("catalog.name: invalid catalog name \"" + name + "\" (letters, digits, _)");
            }
            Objects.requireNonNull(warehouse, "catalog.warehouse");
            options = sortedCopy(options, "catalog.options");
            if ((type == CatalogType.HADOOP || type == CatalogType.GLUE)
                    && warehouse.filter(w -> !w.isBlank()).isEmpty()) {
                throw new ManifestException("catalog.warehouse: required for a " + type + " catalog");
            }
            if (type == CatalogType.REST && !options.containsKey("uri")) {
                throw new ManifestException("catalog.options.uri: required for a rest catalog");
            }
        }

        /** A Hadoop catalog named {@value JobManifest#DEFAULT_CATALOG_NAME} on a local or HDFS path. */
        public static CatalogConfig hadoop(String warehouse) {
            return new CatalogConfig(CatalogType.HADOOP, DEFAULT_CATALOG_NAME, Optional.of(warehouse), Map.of());
        }
    }

    /** What a step does. */
    public enum Kind {
        /** Executes its statements in order (DDL, INSERT [OVERWRITE], MERGE, ...). */
        SQL,
        /**
         * Executes its statements; the last is a query whose result rows are failures, each reported by
         * its {@code message} column. No rows = passed.
         */
        CHECK,
        /** Fast-forwards main of each of its {@code tables} to the branch (atomic per table). */
        PUBLISH
    }

    /** What a failed CHECK does. */
    public enum Severity {
        /** Fails the job and blocks every PUBLISH. */
        ERROR,
        /** Reported; blocks nothing. */
        WARN;

        @Override
        public String toString() {
            return this == ERROR ? "error" : "warn";
        }
    }

    /**
     * One unit of work.
     *
     * <p>Invariants: {@code id} matches {@link #ID}; SQL and CHECK steps have at least one non-blank
     * statement, PUBLISH steps none and at least one table; {@code severity} is {@code WARN} only on
     * CHECK steps (it is {@code ERROR}, and not written, elsewhere); {@code tables} match
     * {@link #TABLE}; no list has duplicates; a step does not depend on itself.
     *
     * @param id unique within the job; shown in progress lines and errors
     * @param kind what it does
     * @param severity for CHECK: whether failures block publication
     * @param sql statements, one per entry (not a {@code ;}-separated script), executed in order after
     *     parameter substitution; for a CHECK the last one is the query whose rows are failures
     * @param tables PUBLISH: the tables to publish; SQL/CHECK: the tables written/audited (informational)
     * @param dependsOn ids of steps that must finish first
     */
    public record Step(String id, Kind kind, Severity severity, List<String> sql, List<String> tables, List<String> dependsOn) {
        public Step {
            if (id == null || !ID.matcher(id).matches()) {
                throw new ManifestException("id: invalid step id \"" + id + "\" (expected " + ID.pattern() + ")");
            }
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(severity, "severity");
            sql = List.copyOf(Objects.requireNonNull(sql, "sql"));
            tables = checkedList(tables, "tables");
            dependsOn = checkedList(dependsOn, "dependsOn");
            if (severity == Severity.WARN && kind != Kind.CHECK) {
                throw new ManifestException("severity: only CHECK steps have a severity");
            }
            if (kind == Kind.PUBLISH) {
                if (!sql.isEmpty()) {
                    throw new ManifestException("sql: a PUBLISH step has no statements");
                }
                if (tables.isEmpty()) {
                    throw new ManifestException("tables: a PUBLISH step needs at least one table");
                }
            } else {
                if (sql.isEmpty()) {
                    throw new ManifestException("sql: a " + kind + " step needs at least one statement");
                }
                for (int i = 0; i < sql.size(); i++) {
                    if (sql.get(i).isBlank()) {
                        throw new ManifestException("sql[" + i + "]: empty statement");
                    }
                }
            }
            for (String t : tables) {
                if (!TABLE.matcher(t).matches()) {
                    throw new ManifestException("tables: invalid table name \"" + t
                            + "\" (expected namespace.table, catalog-relative)");
                }
            }
            if (dependsOn.contains(id)) {
                throw new ManifestException("dependsOn: step \"" + id + "\" depends on itself");
            }
        }

        /** A SQL step. */
        public static Step sql(String id, List<String> statements, List<String> dependsOn) {
            return new Step(id, Kind.SQL, Severity.ERROR, statements, List.of(), dependsOn);
        }

        /** A CHECK step whose only statement is {@code query}. */
        public static Step check(String id, Severity severity, String query, List<String> dependsOn) {
            return new Step(id, Kind.CHECK, severity, List.of(query), List.of(), dependsOn);
        }

        /** A PUBLISH step. */
        public static Step publish(String id, List<String> tables, List<String> dependsOn) {
            return new Step(id, Kind.PUBLISH, Severity.ERROR, List.of(), tables, dependsOn);
        }
    }
}
