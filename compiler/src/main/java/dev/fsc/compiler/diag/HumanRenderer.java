package dev.fsc.compiler.diag;

import java.nio.file.Path;
import java.util.List;

/**
 * Renders diagnostics the way compilers do: {@code path:line:col: error[FSC2006]: message},
 * the offending source line with a caret underline, and the hint.
 */
public final class HumanRenderer {
    private final Path base;
    private final SourceLines sources = new SourceLines();

    /** @param base paths are shown relative to this folder (normally the working directory) */
    public HumanRenderer(Path base) {
        this.base = base.toAbsolutePath().normalize();
    }

    public String render(List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            out.append(render(d)).append('\n');
        }
        return out.toString();
    }

    public String render(Diagnostic d) {
        StringBuilder out = new StringBuilder();
        out.append(displayPath(d.pos().file())).append(':').append(d.pos().line()).append(':').append(d.pos().column())
                .append(": ").append(d.severity().label()).append('[').append(d.code().id()).append("]: ")
                .append(d.message()).append('\n');
        String line = sources.line(d.pos().file(), d.pos().line());
        if (!line.isBlank()) {
            String number = String.valueOf(d.pos().line());
            String gutter = " ".repeat(number.length());
            String expanded = line.replace('\t', ' ');
            int caretStart = Math.min(d.pos().column() - 1, expanded.length());
            int caretLength = Math.max(1, Math.min(d.pos().length(), expanded.length() - caretStart));
            out.append(gutter).append(" |\n");
            out.append(number).append(" | ").append(expanded).append('\n');
            out.append(gutter).append(" | ").append(" ".repeat(caretStart)).append("^".repeat(caretLength)).append('\n');
        }
        d.hint().ifPresent(h -> out.append(" ".repeat(String.valueOf(d.pos().line()).length()))
                .append(" = hint: ").append(h).append('\n'));
        return out.toString();
    }

    /** A summary line such as {@code 3 errors, 1 warning}. */
    public static String summary(long errors, long warnings) {
        return count(errors, "error") + ", " + count(warnings, "warning");
    }

    /** {@code 1 error}, {@code 2 errors}. */
    public static String count(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    public String displayPath(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(base) ? base.relativize(absolute) : absolute;
        return shown.toString().replace('\\', '/');
    }
}
