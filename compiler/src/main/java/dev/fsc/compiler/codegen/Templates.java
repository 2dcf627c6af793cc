package dev.fsc.compiler.codegen;

import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * FreeMarker templates of one target, from {@code templates/<target>/} on the classpath. Templates use
 * the square-bracket interpolation syntax ({@code [=name]}), so {@code ${ds}}-style job parameters can be
 * written as they are.
 */
public final class Templates {
    /** Statements of a rendered script are separated by a {@code ;} that ends a line followed by a blank line. */
    private static final Pattern STATEMENT_END = Pattern.compile(";\\s*\\n\\s*\\n");

    private final Configuration config;

    private Templates(String target) {
        config = new Configuration(Configuration.VERSION_2_3_34);
        config.setClassForTemplateLoading(Templates.class, "/templates/" + target);
        config.setDefaultEncoding("UTF-8");
        config.setInterpolationSyntax(Configuration.SQUARE_BRACKET_INTERPOLATION_SYNTAX);
        config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        config.setLogTemplateExceptions(false);
        config.setWrapUncheckedExceptions(true);
        config.setFallbackOnNullLoopVariable(false);
        config.setObjectWrapper(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34).build());
    }

    public static Templates of(String target) {
        return new Templates(target);
    }

    /** The template's output. */
    public String render(String name, Map<String, ?> model) {
        try {
            Template template = config.getTemplate(name);
            StringWriter out = new StringWriter();
            template.process(model, out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("template " + name, e);
        } catch (TemplateException e) {
            throw new IllegalStateException("template " + name + ": " + e.getMessage(), e);
        }
    }

    /** The template's output split into statements (without their terminating {@code ;}). */
    public List<String> statements(String name, Map<String, ?> model) {
        String script = render(name, model).strip();
        if (script.endsWith(";")) {
            script = script.substring(0, script.length() - 1);
        }
        return STATEMENT_END.splitAsStream(script).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
