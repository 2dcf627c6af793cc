package dev.fsc.common.manifest;

/**
 * A manifest or result file that breaks the contract: malformed JSON, a missing or mistyped field,
 * or a violated invariant. The message names the field by its JSON path ({@code steps[2].kind}).
 */
public final class ManifestException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
