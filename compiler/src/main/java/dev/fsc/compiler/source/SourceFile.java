package dev.fsc.compiler.source;

import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;

/** A spec file's text with a line index, to turn offsets into positions and to show source lines. */
public final class SourceFile {
    private final Path path;
    private final String text;
    private final int[] lineStarts;

    public SourceFile(Path path, String text) {
        this.path = path;
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    public Path path() {
        return path;
    }

    public String text() {
        return text;
    }

    public int lineCount() {
        return lineStarts.length;
    }

    /** Character offset of a 1-based line and column. */
    public int offsetOf(int line, int column) {
        int clampedLine = Math.min(Math.max(line, 1), lineStarts.length);
        return Math.min(lineStarts[clampedLine - 1] + column - 1, text.length());
    }

    public SourcePos posAt(int offset, int length) {
        int line = lineOfOffset(offset);
        return new SourcePos(path, line, offset - lineStarts[line - 1] + 1, length);
    }

    /** The text of a 1-based line, without its line break. */
    public String line(int line) {
        if (line < 1 || line > lineStarts.length) {
            return "";
        }
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        String content = text.substring(start, Math.max(start, end));
        return content.endsWith("\r") ? content.substring(0, content.length() - 1) : content;
    }

    private int lineOfOffset(int offset) {
        int low = 0;
        int high = lineStarts.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low + 1;
    }
}
