package io.devws.cli.command;

import io.devws.cli.doctor.Doctor;
import io.devws.cli.doctor.KubeDoctorTarget;
import io.devws.cli.doctor.LocalDoctorTarget;
import io.devws.cli.local.LocalTarget;
import io.devws.cli.local.LocalWorkspaces;
import io.devws.cli.sshconfig.SshPaths;
import io.devws.cli.workspace.KubeConnection;
import io.devws.cli.workspace.WorkspaceRef;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "doctor", description = {
    "Check, step by step, why SSH or agent forwarding into a workspace does not work:",
    "workspace running, exec allowed, the sidecar answers SSH, host key pinned, local agent,",
    "SSH_AUTH_SOCK and its socket in the workspace, the same keys through the tunnel. Exit 1 if a step fails."})
public final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    KubeOptions kube;
    @Mixin
    LocalOption local;
    @Parameters(index = "0", paramLabel = "WORKSPACE")
    String workspace;

    @Override
    public Integer call() {
        SshPaths paths = SshPaths.forHome(Path.of(System.getProperty("user.home")));
        String agent = System.getenv("SSH_AUTH_SOCK");
        if (local.local) {
            LocalWorkspaces store = LocalWorkspaces.forUser();
            var target = new LocalDoctorTarget(store, store.require(LocalTarget.name(workspace)));
            return new Doctor(target, paths, agent, spec.commandLine().getOut()).run();
        }
        WorkspaceRef ref = WorkspaceRef.parse(workspace);
        KubeOptions scoped = new KubeOptions();
        scoped.kubeconfig = kube.kubeconfig;
        scoped.context = kube.context;
        scoped.namespace = ref.namespaceOr(kube.namespace);
        try (KubeConnection connection = KubeConnection.open(scoped)) {
            return new Doctor(new KubeDoctorTarget(kube, connection, ref), paths, agent, spec.commandLine().getOut()).run();
        }
    }
}
