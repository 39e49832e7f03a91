package io.devws.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.model.SidecarContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The checks of a workspace whose dev container runs as uid 1000 (deploy/images/devnonroot.image). */
final class NonRootSteps {
    private final Cluster cluster;
    private final UserSide user;
    private final String ns;
    private final String ws;
    private final Path tmp;

    NonRootSteps(Cluster cluster, UserSide user, String ns, String ws, Path tmp) {
        this.cluster = cluster;
        this.user = user;
        this.ns = ns;
        this.ws = ws;
        this.tmp = tmp;
    }

    private String host() {
        return ws + ".devws";
    }

    private String pod() {
        return io.devws.model.WorkspaceNames.of(ws).pod();
    }

    void check(String fingerprint) throws Exception {
        // config-ssh is not run again: the ProxyCommand pins the new workspace's key (issue 13)
        Proc.Result who = user.ssh(host(), "id -u; id -g; id -un; echo $HOME; cat /etc/devws-dev-image").run();
        assertThat(who.exit()).as(who.describe()).isZero();
        assertThat(who.out()).as(who.describe()).isEqualTo("1000\n1000\ndev\n/home/dev\ndevws e2e dev image, non-root\n");
        Proc.Result host = cluster.execIn(ns, pod(), SidecarContract.DEV_CONTAINER,
                "for p in /proc/[0-9]*; do case \"$(tr '\\0' ' ' < $p/cmdline 2>/dev/null)\" in *io.devws.host*) stat -c %u $p;; esac; done");
        assertThat(host.out().lines().distinct().toList()).as("the session host's uid: " + host.describe()).containsExactly("1000");

        Path f = Files.writeString(tmp.resolve("nonroot.txt"), "mine\n");
        user.scp(f.toString(), host() + ":/home/dev/by-scp.txt").run().ok();
        Path batch = Files.writeString(tmp.resolve("nonroot.sftp"), "put " + f + " /home/dev/by-sftp.txt\n");
        user.sftp("-b", batch.toString(), host()).run().ok();
        Proc.Result owners = cluster.execIn(ns, pod(), SidecarContract.DEV_CONTAINER,
                "stat -c '%u:%g %a %n' /home/dev/by-scp.txt /home/dev/by-sftp.txt");
        assertThat(owners.out().lines().toList()).as(owners.describe())
                .allSatisfy(l -> assertThat(l).startsWith("1000:1000 ")).hasSize(2);

        assertThat(user.ssh("-A", host(), "ssh-add -l").run().ok().out()).contains(fingerprint);
        Process open = user.ssh("-A", host(), "sleep 300").start(tmp.resolve("nonroot-open.out"), tmp.resolve("nonroot-open.err"));
        try {
            // kubectl exec runs as the image's user: the stable socket serves it too
            Waits.until("uid 1000 sees the key through the stable socket", Duration.ofSeconds(60),
                    () -> cluster.execIn(ns, pod(), SidecarContract.DEV_CONTAINER, "id -u; ssh-add -l").out(),
                    out -> out.startsWith("1000\n") && out.contains(fingerprint));
            Proc.Result mode = cluster.execIn(ns, pod(), SidecarContract.DEV_CONTAINER, "stat -c '%a' " + SidecarContract.AGENT_SOCKET);
            assertThat(mode.out().strip()).as("no access for others: " + mode.describe()).endsWith("0");
        } finally {
            JourneyE2E.destroyTree(open);
        }
    }
}
