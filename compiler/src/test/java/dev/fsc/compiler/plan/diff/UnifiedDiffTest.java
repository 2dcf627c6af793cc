package dev.fsc.compiler.plan.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {
    @Test
    void equalTextsHaveNoDiff() {
        assertEquals("", UnifiedDiff.of("f", "a\nb\n", "a\nb\n"));
    }

    @Test
    void oneChangedLineWithContext() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        String after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assertEquals("""
                --- a/plan.json
                +++ b/plan.json
                @@ -2,7 +2,7 @@
                 2
                 3
                 4
                -5
                +five
                 6
                 7
                 8
                """, UnifiedDiff.of("plan.json", before, after));
    }

    @Test
    void distantChangesMakeTwoHunks() {
        StringBuilder before = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            before.append(i).append('\n');
        }
        String after = before.toString().replace("2\n", "two\n").replace("19\n", "nineteen\n");
        String diff = UnifiedDiff.of("f", before.toString(), after);
        assertEquals(2, diff.lines().filter(l -> l.startsWith("@@")).count(), diff);
    }

    @Test
    void addedFileIsAllInsertions() {
        assertEquals("--- a/f\n+++ b/f\n@@ -1,0 +1,2 @@\n+x\n+y\n", UnifiedDiff.of("f", "", "x\ny"));
    }
}
