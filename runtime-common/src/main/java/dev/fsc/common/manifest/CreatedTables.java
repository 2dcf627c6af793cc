package dev.fsc.common.manifest;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The table a generated {@code CREATE TABLE IF NOT EXISTS} statement creates, read off fsc's own output without parsing SQL. */
public final class CreatedTables {
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "^(?:\\s*--[^\\n]*\\n)*\\s*CREATE\\s+TABLE\\s+IF\\s+NOT\\s+EXISTS\\s+([A-Za-z0-9_.`]+)", Pattern.CASE_INSENSITIVE);

    private CreatedTables() {
    }

    /** The catalog-relative name ({@code namespace.table}) the statement creates, if it is such a statement. */
    public static Optional<String> of(String sql) {
        Matcher m = CREATE_TABLE.matcher(sql);
        return m.find() ? Optional.of(m.group(1).replace("`", "")) : Optional.empty();
    }
}
