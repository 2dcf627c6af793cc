package dev.fsc.compiler.codegen.connect;

import java.util.regex.Pattern;

/**
 * The name a project's connector for one cdc source has on the Connect cluster, {@code fsc-<project>-<source>}.
 * Project and source names are lower_snake_case, so the hyphens tell exactly which connectors belong to a project
 * ({@code fsc-shop-orders} is never one of project {@code shop_eu}'s) — a deploy deletes only those.
 */
public final class ConnectorName {
    private static final Pattern SOURCE_NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private ConnectorName() {
    }

    public static String of(String project, String source) {
        return prefix(project) + source;
    }

    /** Whether a connector on the cluster is one this project's deploys manage. */
    public static boolean belongsTo(String connector, String project) {
        return connector.startsWith(prefix(project)) && SOURCE_NAME.matcher(connector.substring(prefix(project).length())).matches();
    }

    private static String prefix(String project) {
        return "fsc-" + project + "-";
    }
}
