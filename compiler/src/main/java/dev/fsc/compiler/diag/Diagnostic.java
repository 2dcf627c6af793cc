package dev.fsc.compiler.diag;

import dev.fsc.compiler.source.SourcePos;
import java.util.Optional;

/** One problem found in the specs: where, which catalogued code, what is wrong, and a hint to fix it. */
public record Diagnostic(Severity severity, Code code, SourcePos pos, String message, Optional<String> hint) {

    public static Diagnostic error(Code code, SourcePos pos, String message) {
        return new Diagnostic(Severity.ERROR, code, pos, message, Optional.empty());
    }

    public static Diagnostic warning(Code code, SourcePos pos, String message) {
        return new Diagnostic(Severity.WARNING, code, pos, message, Optional.empty());
    }

    public Diagnostic withHint(String text) {
        return new Diagnostic(severity, code, pos, message, Optional.of(text));
    }

    public Diagnostic withHint(Optional<String> text) {
        return new Diagnostic(severity, code, pos, message, text);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
