import java.nio.file.Paths;

import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.AcceptAllPublickeyAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellFactory;

/**
 * The floor of sidecar/bench/pod-memory.sh: Apache MINA SSHD's stock server with nothing of devws, so the
 * daemon's memory can be read beside what MINA itself holds under the same JVM flags and the same connections.
 * Exec requests run {@code /bin/sh -c COMMAND} through MINA's own process shell; any public key is accepted
 * (a benchmark on loopback inside a pod, never a server).
 * Usage: java -cp MINA_JARS:DIR MinaFloor PORT HOST_KEY_FILE. {@code java -cp DIR JvmFloor} starts nothing and waits:
 * the JVM's own floor under the same flags.
 */
public final class MinaFloor {
    private MinaFloor() {
    }

    public static void main(String[] args) throws Exception {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(Integer.parseInt(args[0]));
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(Paths.get(args[1])));
        server.setPublickeyAuthenticator(AcceptAllPublickeyAuthenticator.INSTANCE);
        server.setCommandFactory((channel, command) ->
                new ProcessShellFactory(command, "/bin/sh", "-c", command).createShell(channel));
        server.start();
        Thread.currentThread().join();
    }
}

/** A JVM that runs no code of its own: what the flags alone cost. */
final class JvmFloor {
    private JvmFloor() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.currentThread().join();
    }
}
