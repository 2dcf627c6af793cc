package dev.fsc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fsc plan --diff} against a real git repository: baselines, formats and exit codes. */
class PlanCommandTest {
    @TempDir
    Path dir;

    @BeforeEach
    void committedProject() throws Exception {
        write("fsc.yaml", "project: t\n");
        write("orders.yaml", MainTest.ORDERS);
        write("user.yaml", MainTest.USER);
        write("view.yaml", MainTest.VIEW);
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-qm", "base");
    }

    @Test
    void unchangedWorkingTreeHasNoChanges() {
        MainTest.Run run = MainTest.fsc("plan", "--diff", "--project", dir.toString(), "--detailed-exitcode");
        assertEquals(0, run.code(), run.all());
        assertTrue(run.out().contains("No changes."), run.out());
    }

    @Test
    void breakingChangeExitsFiveWithDetailedExitCode() throws IOException {
        write("view.yaml", MainTest.VIEW.replace("expr: amount", "expr: amount * 2"));
        MainTest.Run run = MainTest.fsc("plan", "--diff", "--project", dir.toString(), "--detailed-exitcode");
        assertEquals(PlanCommand.BREAKING_CHANGES, run.code(), run.all());
        assertTrue(run.out().contains("~ view:user_stats  breaking"), run.out());
        assertEquals(0, MainTest.fsc("plan", "--diff", "--project", dir.toString()).code(), "without the flag, exit 0");
    }

    @Test
    void additiveChangeExitsFour() throws IOException {
        write("view.yaml", MainTest.VIEW.replace("windows: [7d]", "windows: [7d, 30d]"));
        MainTest.Run run = MainTest.fsc("plan", "--diff", "--project", dir.toString(), "--detailed-exitcode", "--format", "json");
        assertEquals(PlanCommand.CHANGES, run.code(), run.all());
        assertTrue(run.out().contains("\"has_breaking_changes\" : false"), run.out());
    }

    @Test
    void showSqlPrintsUnifiedDiffsOfGeneratedFiles() throws IOException {
        write("view.yaml", MainTest.VIEW.replace("expr: amount", "expr: amount * 2"));
        MainTest.Run run = MainTest.fsc("plan", "--diff", "--project", dir.toString(), "--show-sql");
        assertTrue(run.out().contains("Generated files (environment local):"), run.out());
        assertTrue(run.out().contains("--- a/plan.json\n+++ b/plan.json\n@@ "), run.out());
        assertTrue(run.out().contains("+      \"state.sum(amount * 2)\" : \"\""), run.out());
        assertTrue(run.out().contains("+++ b/spark/events.sql"), "the Spark SQL that computes it: " + run.out());
        assertTrue(run.out().lines().anyMatch(line -> line.startsWith("+") && line.contains("amount * 2")), run.out());
        assertTrue(!run.out().contains("+++ b/spark/silver_orders.sql"), "unchanged files are not shown: " + run.out());
    }

    @Test
    void showSqlAgainstDeployedStateComparesThePlanOnly() throws IOException {
        write("fsc.yaml", "project: t\nenvironments:\n  local: {}\n");
        MainTest.Run deployed = MainTest.fsc("deploy", "--env", "local", "--auto-approve", "--project", dir.toString());
        assertEquals(0, deployed.code(), deployed.all());
        write("view.yaml", MainTest.VIEW.replace("expr: amount", "expr: amount * 2"));
        MainTest.Run run = MainTest.fsc("plan", "--diff", "--project", dir.toString(), "--env", "local", "--show-sql");
        assertEquals(0, run.code(), run.all());
        assertTrue(run.out().contains("records its plan only, so only plan.json is compared"), run.out());
        assertTrue(run.out().contains("+++ b/plan.json"), run.out());
        assertTrue(!run.out().contains("b/spark/"), run.out());
    }

    @Test
    void unknownRevisionIsAUsageError() {
        MainTest.Run run = MainTest.fsc("plan", "--diff", "--project", dir.toString(), "--base", "no-such-branch");
        assertEquals(ExitCodes.USAGE, run.code(), run.all());
        assertTrue(run.err().contains("no git revision `no-such-branch`"), run.err());
        assertTrue(!run.all().contains("\tat "), "no stack trace");
    }

    @Test
    void environmentWithoutStateShowsEverythingAsNew() {
        MainTest.Run run = MainTest.fsc("plan", "--diff", "--project", dir.toString(), "--env", "local", "--format", "markdown");
        assertEquals(0, run.code(), run.all());
        assertTrue(run.err().contains("nothing is deployed to `local` yet"), run.err());
        assertTrue(run.out().contains("| `+` | `view:user_stats` |"), run.out());
    }

    @Test
    void baseAndEnvTogetherIsAUsageError() {
        assertEquals(ExitCodes.USAGE, MainTest.fsc("plan", "--base", "HEAD", "--env", "local", "--project", dir.toString()).code());
    }

    private void write(String relative, String text) throws IOException {
        Files.writeString(dir.resolve(relative), text);
    }

    private void git(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertEquals(0, process.waitFor(), String.join(" ", command));
    }
}
