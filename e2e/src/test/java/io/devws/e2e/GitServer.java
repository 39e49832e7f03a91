package io.devws.e2e;

/**
 * A git server on the workspace pod's loopback: OpenSSH sshd from the dev image on 127.0.0.1:PORT in the dev
 * container, serving a bare repository to root with exactly one authorised key. Set up with kubectl exec,
 * i.e. not through devws, so the clone over SSH tests only the forwarded agent.
 */
public final class GitServer {
    public static final int PORT = 2222;
    public static final String REPO = "/srv/git/project.git";
    public static final String README = "hello from the devws e2e git server";

    private GitServer() {
    }

    public static String setupScript(String authorizedKey) {
        return String.join("\n",
                "set -e",
                "mkdir -p /etc/devws-e2e /run/sshd /srv/git",
                "[ -f /etc/devws-e2e/host_ed25519 ] || ssh-keygen -q -t ed25519 -N '' -f /etc/devws-e2e/host_ed25519",
                "printf '%s\\n' '" + authorizedKey + "' > /etc/devws-e2e/authorized_keys",
                "chmod 600 /etc/devws-e2e/authorized_keys",
                "cat > /etc/devws-e2e/sshd_config <<'CFG'",
                "Port " + PORT,
                "ListenAddress 127.0.0.1",
                "HostKey /etc/devws-e2e/host_ed25519",
                "AuthorizedKeysFile /etc/devws-e2e/authorized_keys",
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "StrictModes no",
                "PidFile /run/devws-e2e-sshd.pid",
                "CFG",
                "if [ ! -d " + REPO + " ]; then",
                "  git init -q --bare " + REPO,
                "  rm -rf /tmp/seed && git init -q /tmp/seed && cd /tmp/seed",
                "  echo '" + README + "' > README",
                "  git add README && git -c user.name=e2e -c user.email=e2e@devws.io commit -q -m seed",
                "  git push -q " + REPO + " HEAD:refs/heads/main && git --git-dir=" + REPO + " symbolic-ref HEAD refs/heads/main",
                "fi",
                "[ -f /run/devws-e2e-sshd.pid ] && kill -0 $(cat /run/devws-e2e-sshd.pid) 2>/dev/null || /usr/sbin/sshd -f /etc/devws-e2e/sshd_config -E /tmp/devws-e2e-sshd.log",
                "echo git-server-ready");
    }

    /** Run through ssh in the workspace: clone over SSH with whatever agent the session has. */
    public static String cloneScript(String target) {
        return "rm -rf " + target + " && GIT_SSH_COMMAND='ssh -p " + PORT
                + " -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o IdentitiesOnly=no -o IdentityFile=/dev/null'"
                + " git clone -q root@127.0.0.1:" + REPO + " " + target + " && cat " + target + "/README";
    }
}
