package dev.fsc.compiler.spec;

import dev.fsc.compiler.source.SourcePos;
import dev.fsc.compiler.yaml.YScalar;

/** An SQL snippet from a spec (expression, filter or query) that maps offsets back into its YAML scalar. */
public record SqlText(YScalar scalar) {
    public String sql() {
        return scalar.value();
    }

    /** Where the SQL text itself starts (inside the quotes, or on the first line of a block). */
    public SourcePos pos() {
        return posAt(1, 1, Math.min(sql().strip().length(), sql().indexOf('\n') < 0 ? sql().length() : sql().indexOf('\n')));
    }

    /** Position of a 1-based line and column inside the SQL text, as Calcite reports them. */
    public SourcePos posAt(int sqlLine, int sqlColumn, int length) {
        String sql = sql();
        int offset = 0;
        for (int line = 1; line < sqlLine; line++) {
            int newline = sql.indexOf('\n', offset);
            if (newline < 0) {
                break;
            }
            offset = newline + 1;
        }
        return scalar.posInValue(offset + Math.max(0, sqlColumn - 1), length);
    }
}
