package dev.fsc.compiler.codegen.flink;

import dev.fsc.compiler.sql.FlinkSqlText;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModelException;
import java.util.List;
import java.util.Map;

/**
 * The templates' {@code q(name)}: a column name as Flink SQL reads it (backquoted only when it must be), so
 * generated SQL stays plain for ordinary names and still works for a column called {@code value}.
 */
final class Identifiers implements TemplateMethodModelEx {
    static final Identifiers QUOTE = new Identifiers();

    private Identifiers() {
    }

    /** A template model with {@code q} available. */
    static Map<String, Object> model() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("q", QUOTE);
        return m;
    }

    @Override
    public Object exec(List arguments) throws TemplateModelException {
        if (arguments.size() != 1) {
            throw new TemplateModelException("q(name) takes one argument");
        }
        return FlinkSqlText.identifier(arguments.get(0).toString());
    }
}
