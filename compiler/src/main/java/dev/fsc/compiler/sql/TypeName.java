package dev.fsc.compiler.sql;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL type as the spec writes it, taken apart: {@code DECIMAL(12, 2) NOT NULL} is name {@code DECIMAL},
 * precision 12, scale 2 (nullability dropped). What the engines' type mappings start from.
 */
record TypeName(String name, Optional<String> precision, Optional<String> scale) {
    private static final Pattern TYPE = Pattern.compile("\\s*([A-Za-z ]+?)\\s*(\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*(NOT NULL)?\\s*");

    static TypeName parse(String sqlType) {
        Matcher m = TYPE.matcher(sqlType);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a SQL type: " + sqlType);
        }
        return new TypeName(m.group(1).toUpperCase(Locale.ROOT), Optional.ofNullable(m.group(3)), Optional.ofNullable(m.group(4)));
    }

    /** Precision and scale of a DECIMAL, SQL's defaults (10, 0) where the spec leaves them out. */
    String decimalDigits(String separator) {
        return precision.orElse("10") + separator + scale.orElse("0");
    }
}
