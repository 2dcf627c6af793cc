package dev.fsc.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code fsc <command>}. */
@Command(name = "fsc", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Compiles ML pipeline specs (YAML + SQL) into Flink, Spark and Airflow jobs.",
        subcommands = {
                ValidateCommand.class,
                ExplainCommand.class,
                CompileCommand.class,
                PlanCommand.class,
                dev.fsc.cli.run.RunCommand.class,
                dev.fsc.cli.run.RunTaskCommand.class,
                dev.fsc.cli.backfill.BackfillCommand.class,
                dev.fsc.cli.run.DatasetCommand.class,
                dev.fsc.cli.sample.SampleDataCommand.class,
                dev.fsc.cli.stream.StreamCommand.class,
                dev.fsc.cli.stream.VerifyParityCommand.class,
                dev.fsc.cli.deploy.DeployCommand.class,
                dev.fsc.cli.deploy.StatusCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs fsc with the given streams; what tests call. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("fsc: internal error: " + e);
            cmd.getErr().println("This is a bug in fsc, not in your specs. Please report it with the trace below.");
            e.printStackTrace(cmd.getErr());
            return ExitCodes.INTERNAL;
        });
        return commandLine.execute(args);
    }
}
