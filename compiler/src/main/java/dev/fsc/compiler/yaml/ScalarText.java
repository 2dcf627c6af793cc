package dev.fsc.compiler.yaml;

import dev.fsc.compiler.source.SourceFile;
import dev.fsc.compiler.source.SourcePos;
import org.snakeyaml.engine.v2.common.ScalarStyle;

/**
 * The raw text of a scalar in its file. Maps an offset in the parsed value back to the file,
 * whatever the style: quotes, escapes, literal and folded blocks, multi-line plain scalars.
 * The value is aligned with the raw characters that produced it; characters YAML consumed
 * (quotes, indentation, folded line breaks, escape backslashes) are skipped.
 */
public record ScalarText(SourceFile file, int rawStart, int rawEnd, ScalarStyle style) {

    public SourcePos pos(String value, int offset, int length) {
        int[] rawOffsets = align(value);
        int clamped = Math.max(0, Math.min(offset, value.length()));
        int raw = clamped < value.length() ? rawOffsets[clamped] : afterLast(rawOffsets);
        return file.posAt(raw, length);
    }

    private int afterLast(int[] rawOffsets) {
        return rawOffsets.length == 0 ? rawStart : rawOffsets[rawOffsets.length - 1] + 1;
    }

    private int[] align(String value) {
        String text = file.text();
        int end = Math.min(rawEnd, text.length());
        int r = firstContentOffset(text, end);
        int[] map = new int[value.length()];
        for (int i = 0; i < value.length(); i++) {
            char wanted = value.charAt(i);
            if (style == ScalarStyle.DOUBLE_QUOTED && r < end && text.charAt(r) == '\\') {
                int escapeLength = escapeLength(text, r, end);
                if (escapeLength < 0) { // an escaped line break produces no character
                    r = skipLineBreakAndIndent(text, r + 1, end);
                    i--;
                    continue;
                }
                map[i] = r;
                r += escapeLength;
                continue;
            }
            if (style == ScalarStyle.SINGLE_QUOTED && wanted == '\'' && r + 1 < end && text.charAt(r) == '\'') {
                map[i] = r;
                r += 2;
                continue;
            }
            int found = r;
            while (found < end && text.charAt(found) != wanted) {
                found++;
            }
            if (found < end) {
                map[i] = found;
                r = found + 1;
            } else {
                map[i] = i == 0 ? rawStart : map[i - 1];
            }
        }
        return map;
    }

    private int firstContentOffset(String text, int end) {
        return switch (style) {
            case DOUBLE_QUOTED, SINGLE_QUOTED -> rawStart + 1;
            case LITERAL, FOLDED -> {
                int newline = text.indexOf('\n', rawStart);
                yield newline < 0 || newline >= end ? rawStart : newline + 1;
            }
            default -> rawStart;
        };
    }

    /** Raw length of the escape at {@code at}, or -1 for an escaped line break. */
    private static int escapeLength(String text, int at, int end) {
        if (at + 1 >= end) {
            return 1;
        }
        return switch (text.charAt(at + 1)) {
            case '\n', '\r' -> -1;
            case 'x' -> 4;
            case 'u' -> 6;
            case 'U' -> 10;
            default -> 2;
        };
    }

    private static int skipLineBreakAndIndent(String text, int at, int end) {
        int r = at;
        while (r < end && (text.charAt(r) == '\n' || text.charAt(r) == '\r' || text.charAt(r) == ' ' || text.charAt(r) == '\t')) {
            r++;
        }
        return r;
    }
}
