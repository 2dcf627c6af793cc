package dev.fsc.cli;

import picocli.CommandLine;

/** The fsc version, from the jar manifest (or "dev" when run from classes). */
final class Version implements CommandLine.IVersionProvider {
    static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"fsc " + current()};
    }
}
