package dev.fsc.cli.run;

import picocli.CommandLine.Command;

/** {@code fsc dataset ...}: work with the datasets a run built. */
@Command(name = "dataset", mixinStandardHelpOptions = true, description = "Work with built training datasets.",
        subcommands = {DatasetExportCommand.class})
public final class DatasetCommand {
}
