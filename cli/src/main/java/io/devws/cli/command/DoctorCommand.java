package io.devws.cli.command;

import io.devws.cli.doctor.Doctor;
import io.devws.cli.doctor.DoctorTarget;
import io.devws.cli.doctor.KubeDoctorTarget;
import io.devws.cli.doctor.LocalDoctorTarget;
import io.devws.cli.local.LocalTarget;
import io.devws.cli.local.LocalWorkspaces;
import io.devws.cli.sshconfig.SshPaths;
import io.devws.cli.workspace.KubeConnection;
import io.devws.cli.workspace.KubeOptions;
import io.devws.cli.workspace.WorkspaceRef;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "doctor",
        footerHeading = "%nExamples:%n",
        footer = {
            "  devws doctor ws                         # every hop, with a hint at the first that fails",
            "  devws doctor ws.team                    # a workspace in namespace team",
            "  devws doctor --local ws"},
        description = {
    "Check, step by step, why SSH or agent forwarding into a workspace does not work.",
    "The steps:",
    "workspace running, exec allowed, local agent, OpenSSH's view (`ssh -G NAME.NAMESPACE.devws` shows devws's",
    "ProxyCommand and agent forwarding), the sidecar answers SSH, the pinned host key is the status key (none pinned",
    "yet is fine), SSH_AUTH_SOCK and its socket in the workspace, the same keys through the tunnel, and through",
    "OpenSSH itself (ssh HOST ssh-add -L).",
    "Exit 1 if a step fails; each failure names its fix."})
public final class DoctorCommand extends BackendCommand {
    @Parameters(index = "0", paramLabel = "WORKSPACE")
    String workspace;

    @Override
    KubeOptions connectionOptions() {
        return kube.inNamespace(WorkspaceRef.parse(workspace).namespace());
    }

    @Override
    int onLocal(LocalWorkspaces store) {
        return run(new LocalDoctorTarget(store, store.require(LocalTarget.name(workspace))));
    }

    @Override
    int onCluster(KubeConnection connection) {
        return run(new KubeDoctorTarget(connection, WorkspaceRef.parse(workspace)));
    }

    private int run(DoctorTarget target) {
        SshPaths paths = SshPaths.forHome(Path.of(System.getProperty("user.home")));
        return new Doctor(target, paths, System.getenv("SSH_AUTH_SOCK"), out()).run();
    }
}
