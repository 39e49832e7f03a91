package io.devws.cli.command;

import picocli.CommandLine;

/** Version from the jar manifest (falls back to "dev" when run from classes). */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"devws " + (v == null ? "dev" : v)};
    }
}
