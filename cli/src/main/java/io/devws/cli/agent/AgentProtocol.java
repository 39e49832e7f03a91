package io.devws.cli.agent;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The thin client's conversation with the agent over the Unix socket.
 *
 * <pre>
 * client: MAGIC, identity, cwd, $KUBECONFIG, $HOME, $DEVWS_START_ON_CONNECT, stderr-is-a-terminal (boolean),
 *         argc, args...   (DataOutput UTF strings)
 * agent:  ACCEPT | OTHER_VERSION identity | FALLBACK
 * then    client → agent: raw SSH bytes; the client's stdin EOF is a write shutdown
 *         agent → client: frames (type byte, int length, payload): STDOUT, STDERR, then one EXIT (int code)
 * </pre>
 *
 * Only JDK classes here: the thin client loads this and nothing of Fabric8 or picocli.
 */
public final class AgentProtocol {
    static final int MAGIC = 0x64657701; // "dew" 1
    static final byte ACCEPT = 'K';
    static final byte OTHER_VERSION = 'V';
    /** The agent cannot serve this exactly as the in-process path would (e.g. usage errors): do it in-process. */
    static final byte FALLBACK = 'F';
    static final byte STDOUT = 'O';
    static final byte STDERR = 'E';
    static final byte EXIT = 'X';
    /** The thin client's exit code that tells the launcher to run today's in-process ProxyCommand (EX_TEMPFAIL). */
    public static final int EXIT_FALLBACK = 75;

    private AgentProtocol() {
    }

    /**
     * This build's identity: the size and modification time (in seconds) of the jar holding this class, so a
     * rebuilt or reinstalled devws never talks to an agent started from other code. The perl thin client
     * ({@code lib/devws-thin.pl}) computes the same from the same file.
     */
    public static String identity() {
        try {
            Path jar = Path.of(AgentProtocol.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(jar)) {
                return Files.size(jar) + "@" + Files.getLastModifiedTime(jar).to(TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // no code source: classes from a directory (tests)
        }
        String version = AgentProtocol.class.getPackage().getImplementationVersion();
        return (version == null ? "dev" : version) + "/classes";
    }

    /** What the thin client's own process knows: the agent's environment and stderr are another process's. */
    record Request(String identity, String cwd, String kubeconfigEnv, String home, String startOnConnect, boolean stderrTerminal,
                   List<String> args) {
        void write(DataOutputStream out) throws IOException {
            out.writeInt(MAGIC);
            out.writeUTF(identity);
            out.writeUTF(cwd);
            out.writeUTF(kubeconfigEnv == null ? "" : kubeconfigEnv);
            out.writeUTF(home == null ? "" : home);
            out.writeUTF(startOnConnect == null ? "" : startOnConnect);
            out.writeBoolean(stderrTerminal);
            out.writeInt(args.size());
            for (String a : args) {
                out.writeUTF(a);
            }
            out.flush();
        }

        /**
         * Reads a request; of another build only its identity (what follows it may be laid out otherwise,
         * and waiting for fields that client never sends would hang the session).
         */
        static Request read(DataInputStream in, String expectedIdentity) throws IOException {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a devws agent request");
            }
            String identity = in.readUTF();
            if (!identity.equals(expectedIdentity)) {
                return new Request(identity, null, null, null, null, false, List.of());
            }
            String cwd = in.readUTF();
            String kubeconfig = in.readUTF();
            String home = in.readUTF();
            String startOnConnect = in.readUTF();
            boolean stderrTerminal = in.readBoolean();
            int n = in.readInt();
            if (n < 0 || n > 1000) {
                throw new IOException("bad argument count " + n);
            }
            List<String> args = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                args.add(in.readUTF());
            }
            return new Request(identity, cwd, kubeconfig.isEmpty() ? null : kubeconfig, home.isEmpty() ? null : home,
                    startOnConnect.isEmpty() ? null : startOnConnect, stderrTerminal, args);
        }
    }
}
