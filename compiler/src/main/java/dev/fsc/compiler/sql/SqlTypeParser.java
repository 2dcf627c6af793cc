package dev.fsc.compiler.sql;

import dev.fsc.compiler.diag.Code;
import dev.fsc.compiler.diag.Diagnostic;
import dev.fsc.compiler.diag.DidYouMean;
import dev.fsc.compiler.source.SourcePos;
import dev.fsc.compiler.spec.Located;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;

/** Parses a column type as written in a spec ({@code DECIMAL(12,2) NOT NULL}) into a Calcite type. */
final class SqlTypeParser {
    private static final Pattern NOT_NULL = Pattern.compile("(?i)^(.*?)\\s+NOT\\s+NULL\\s*$");
    private static final List<String> TYPE_NAMES = Arrays.stream(SqlTypeName.values()).map(Enum::name).toList();
    private final RelDataTypeFactory types;
    private final SqlValidator validator;
    private final Map<String, Result> cache = new HashMap<>();

    SqlTypeParser(RelDataTypeFactory types, SqlValidator validator) {
        this.types = types;
        this.validator = validator;
    }

    /** The parsed type, or a diagnostic at the type's position. Each spelling is parsed once (projects repeat a few types). */
    Result parse(Located<String> text) {
        Result known = cache.get(text.value());
        if (known != null) {
            return known.problem().isEmpty() ? known : parseUncached(text);
        }
        Result result = parseUncached(text);
        cache.put(text.value(), result);
        return result;
    }

    private Result parseUncached(Located<String> text) {
        Matcher notNull = NOT_NULL.matcher(text.value().trim());
        boolean nullable = !notNull.matches();
        String typeText = nullable ? text.value().trim() : notNull.group(1);
        try {
            SqlNode cast = SqlParser.create("CAST(NULL AS " + typeText + ")", CalciteSetup.PARSER).parseExpression();
            SqlDataTypeSpec spec = (SqlDataTypeSpec) ((SqlBasicCall) cast).operand(1);
            RelDataType type = spec.deriveType(validator);
            return new Result(Optional.of(types.createTypeWithNullability(type, nullable)), Optional.empty());
        } catch (SqlParseException | RuntimeException e) {
            String word = typeText.split("[\\s(]", 2)[0].toUpperCase(Locale.ROOT);
            Optional<String> suggestion = TYPE_NAMES.contains(word) ? Optional.empty() : DidYouMean.closest(word, TYPE_NAMES);
            SourcePos pos = text.pos();
            return new Result(Optional.empty(), Optional.of(Diagnostic.error(Code.INVALID_TYPE, pos,
                            "`" + text.value() + "` is not a valid column type")
                    .withHint(suggestion.map(s -> "did you mean `" + s + "`?")
                            .orElse("use an SQL type such as BIGINT, DOUBLE, DECIMAL(12,2), VARCHAR, BOOLEAN, TIMESTAMP(3)"))));
        }
    }

    record Result(Optional<RelDataType> type, Optional<Diagnostic> problem) {
    }
}
