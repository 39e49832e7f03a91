package io.devws.cli.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** The client's version and build time, from the properties the build filled in ("dev" when run from an IDE). */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"devws " + version() + " (built " + built() + ")"};
    }

    public static String version() {
        return properties().getProperty("version", "dev");
    }

    public static String built() {
        return properties().getProperty("built", "unknown");
    }

    private static Properties properties() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/io/devws/cli/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (p.getProperty("version", "").startsWith("${")) {
            p.clear();
        }
        return p;
    }
}
