package io.devws.sidecar.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creates the agent dir when missing and fails with one clear line when it is unusable. */
public final class AgentDirs {
    private AgentDirs() {
    }

    public static void ensure(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create agent dir " + dir + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(dir) || !Files.isExecutable(dir)) {
            throw new IOException("agent dir " + dir + " is not writable: check its owner and permissions");
        }
    }
}
