package dev.fsc.cli.sample;

import dev.fsc.compiler.sql.SpecSql;

import dev.fsc.compiler.model.Source;
import dev.fsc.compiler.spec.QualityCheck;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.fun.SqlBetweenOperator;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * A source's {@code expect} checks, evaluated on generated rows so the sample data satisfies them
 * (a failing row is redrawn). Covers the SQL such checks are made of: AND/OR/NOT, IS [NOT] NULL,
 * comparisons, IN, BETWEEN, LIKE, CASE, COALESCE, arithmetic, UPPER/LOWER/CHAR_LENGTH/TRIM/ABS, CAST.
 * A check using anything else counts as passed; NULL (unknown) passes, as in SQL CHECK constraints.
 */
final class ExpectChecks {
    private record Check(String name, SqlNode expr, Set<String> columns) {
    }

    /** Thrown for SQL this evaluator does not cover. */
    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private final List<Check> checks = new ArrayList<>();

    ExpectChecks(Source source) {
        for (QualityCheck check : source.spec().quality()) {
            if (check instanceof QualityCheck.Expect expect) {
                try {
                    SqlNode expr = SqlParser.create(expect.sql().sql(), SpecSql.parserConfig()).parseExpression();
                    checks.add(new Check(expect.name().value(), expr, identifiers(expr)));
                } catch (Exception e) {
                    // the compiler validated it; an expression we cannot read is not enforced
                }
            }
        }
    }

    /** The columns of the first check {@code row} fails, or an empty set when it passes them all. */
    Set<String> failing(Map<String, Object> row) {
        for (Check check : checks) {
            Object result;
            try {
                result = eval(check.expr(), row);
            } catch (Unsupported | ArithmeticException | ClassCastException e) {
                continue;
            }
            if (Boolean.FALSE.equals(result)) {
                return check.columns();
            }
        }
        return Set.of();
    }

    private static Set<String> identifiers(SqlNode expr) {
        Set<String> names = new LinkedHashSet<>();
        expr.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlIdentifier id) {
                names.add(id.names.get(id.names.size() - 1));
                return null;
            }
        });
        return names;
    }

    private static Object eval(SqlNode node, Map<String, Object> row) {
        if (node instanceof SqlIdentifier id) {
            String name = id.names.get(id.names.size() - 1);
            if (!row.containsKey(name)) {
                throw new Unsupported();
            }
            return normalize(row.get(name));
        }
        if (node instanceof SqlNumericLiteral number) {
            return number.bigDecimalValue();
        }
        if (node instanceof SqlCharStringLiteral text) {
            return text.getValueAs(String.class);
        }
        if (node instanceof SqlLiteral literal) {
            return switch (literal.getTypeName()) {
                case NULL -> null;
                case BOOLEAN -> literal.booleanValue();
                default -> throw new Unsupported();
            };
        }
        if (node instanceof SqlCase caseExpr) {
            return evalCase(caseExpr, row);
        }
        if (!(node instanceof SqlCall call)) {
            throw new Unsupported();
        }
        List<SqlNode> ops = call.getOperandList();
        return switch (call.getKind()) {
            case AND -> and(eval(ops.get(0), row), eval(ops.get(1), row));
            case OR -> or(eval(ops.get(0), row), eval(ops.get(1), row));
            case NOT -> not(eval(ops.get(0), row));
            case IS_NULL -> eval(ops.get(0), row) == null;
            case IS_NOT_NULL -> eval(ops.get(0), row) != null;
            case IS_TRUE -> Boolean.TRUE.equals(eval(ops.get(0), row));
            case IS_FALSE -> Boolean.FALSE.equals(eval(ops.get(0), row));
            case IS_NOT_TRUE -> !Boolean.TRUE.equals(eval(ops.get(0), row));
            case IS_NOT_FALSE -> !Boolean.FALSE.equals(eval(ops.get(0), row));
            case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL ->
                    compare(call.getKind(), eval(ops.get(0), row), eval(ops.get(1), row));
            case IN, NOT_IN -> in(call.getKind() == SqlKind.NOT_IN, eval(ops.get(0), row), (SqlNodeList) ops.get(1), row);
            case BETWEEN -> between(call, row);
            case LIKE -> like(call, row);
            case PLUS, MINUS, TIMES, DIVIDE -> arithmetic(call.getKind(), eval(ops.get(0), row), eval(ops.get(1), row));
            case MINUS_PREFIX -> negate(eval(ops.get(0), row));
            case COALESCE -> ops.stream().map(o -> eval(o, row)).filter(v -> v != null).findFirst().orElse(null);
            case CAST -> cast(eval(ops.get(0), row), ops.get(1).toString());
            case TRIM -> {
                Object value = eval(ops.get(ops.size() - 1), row);
                yield value == null ? null : ((String) value).strip();
            }
            case OTHER_FUNCTION -> function(call.getOperator().getName().toUpperCase(Locale.ROOT), ops, row);
            default -> throw new Unsupported();
        };
    }

    private static Object normalize(Object value) {
        if (value instanceof Long || value instanceof Integer) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d);
        }
        return value;
    }

    private static Object function(String name, List<SqlNode> ops, Map<String, Object> row) {
        if (name.equals("COALESCE")) {
            return ops.stream().map(o -> eval(o, row)).filter(v -> v != null).findFirst().orElse(null);
        }
        Object arg = ops.isEmpty() ? null : eval(ops.get(0), row);
        if (arg == null) {
            return null;
        }
        return switch (name) {
            case "UPPER" -> ((String) arg).toUpperCase(Locale.ROOT);
            case "LOWER" -> ((String) arg).toLowerCase(Locale.ROOT);
            case "CHAR_LENGTH", "CHARACTER_LENGTH" -> BigDecimal.valueOf(((String) arg).length());
            case "ABS" -> ((BigDecimal) arg).abs();
            default -> throw new Unsupported();
        };
    }

    private static Object evalCase(SqlCase caseExpr, Map<String, Object> row) {
        SqlNode value = caseExpr.getValueOperand();
        Object subject = value == null ? null : eval(value, row);
        for (int i = 0; i < caseExpr.getWhenOperands().size(); i++) {
            Object when = eval(caseExpr.getWhenOperands().get(i), row);
            boolean hit = value == null ? Boolean.TRUE.equals(when) : Boolean.TRUE.equals(compare(SqlKind.EQUALS, subject, when));
            if (hit) {
                return eval(caseExpr.getThenOperands().get(i), row);
            }
        }
        return caseExpr.getElseOperand() == null ? null : eval(caseExpr.getElseOperand(), row);
    }

    private static Object and(Object a, Object b) {
        if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
            return false;
        }
        return a == null || b == null ? null : true;
    }

    private static Object or(Object a, Object b) {
        if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
            return true;
        }
        return a == null || b == null ? null : false;
    }

    private static Object not(Object a) {
        return a == null ? null : !(Boolean) a;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object compare(SqlKind kind, Object a, Object b) {
        if (a == null || b == null) {
            return null;
        }
        int c;
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            c = x.compareTo(y);
        } else if (a.getClass() == b.getClass() && a instanceof Comparable comparable) {
            c = comparable.compareTo(b);
        } else {
            throw new Unsupported();
        }
        return switch (kind) {
            case EQUALS -> c == 0;
            case NOT_EQUALS -> c != 0;
            case LESS_THAN -> c < 0;
            case LESS_THAN_OR_EQUAL -> c <= 0;
            case GREATER_THAN -> c > 0;
            default -> c >= 0;
        };
    }

    private static Object in(boolean negated, Object value, SqlNodeList list, Map<String, Object> row) {
        if (value == null) {
            return null;
        }
        boolean unknown = false;
        for (SqlNode item : list) {
            Object equal = compare(SqlKind.EQUALS, value, eval(item, row));
            if (Boolean.TRUE.equals(equal)) {
                return !negated;
            }
            unknown |= equal == null;
        }
        return unknown ? null : negated;
    }

    private static Object between(SqlCall call, Map<String, Object> row) {
        Object value = eval(call.operand(SqlBetweenOperator.VALUE_OPERAND), row);
        Object within = and(compare(SqlKind.GREATER_THAN_OR_EQUAL, value, eval(call.operand(SqlBetweenOperator.LOWER_OPERAND), row)),
                compare(SqlKind.LESS_THAN_OR_EQUAL, value, eval(call.operand(SqlBetweenOperator.UPPER_OPERAND), row)));
        return ((SqlBetweenOperator) call.getOperator()).isNegated() ? not(within) : within;
    }

    private static Object like(SqlCall call, Map<String, Object> row) {
        if (call.operandCount() != 2) {
            throw new Unsupported();
        }
        Object value = eval(call.operand(0), row);
        Object pattern = eval(call.operand(1), row);
        if (value == null || pattern == null) {
            return null;
        }
        StringBuilder regex = new StringBuilder();
        for (char ch : ((String) pattern).toCharArray()) {
            regex.append(ch == '%' ? ".*" : ch == '_' ? "." : java.util.regex.Pattern.quote(String.valueOf(ch)));
        }
        boolean matches = ((String) value).matches(regex.toString());
        return call.getOperator().getName().startsWith("NOT") != matches;
    }

    private static Object arithmetic(SqlKind kind, Object a, Object b) {
        if (a == null || b == null) {
            return null;
        }
        if (!(a instanceof BigDecimal x) || !(b instanceof BigDecimal y)) {
            throw new Unsupported();
        }
        return switch (kind) {
            case PLUS -> x.add(y);
            case MINUS -> x.subtract(y);
            case TIMES -> x.multiply(y);
            default -> y.signum() == 0 ? null : x.divide(y, MathContext.DECIMAL64);
        };
    }

    private static Object negate(Object a) {
        if (a == null) {
            return null;
        }
        if (!(a instanceof BigDecimal x)) {
            throw new Unsupported();
        }
        return x.negate();
    }

    private static Object cast(Object value, String type) {
        if (value == null) {
            return null;
        }
        String target = type.toUpperCase(Locale.ROOT);
        if (value instanceof BigDecimal && target.matches("(TINYINT|SMALLINT|INTEGER|INT|BIGINT|DOUBLE|FLOAT|REAL|DECIMAL.*)")) {
            return value;
        }
        if (target.startsWith("VARCHAR") || target.startsWith("CHAR")) {
            return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        }
        if (value instanceof Instant || value instanceof LocalDate || value instanceof Boolean || value instanceof String) {
            if (target.startsWith("TIMESTAMP") && value instanceof Instant
                    || target.equals("DATE") && value instanceof LocalDate
                    || target.equals("BOOLEAN") && value instanceof Boolean) {
                return value;
            }
        }
        throw new Unsupported();
    }
}
