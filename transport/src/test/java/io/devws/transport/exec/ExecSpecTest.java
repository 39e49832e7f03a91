package io.devws.transport.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecSpecTest {
    @Test
    void buildsTheExecUrlAsKubectlDoes() throws Exception {
        ExecSpec spec = new ExecSpec("team a", "ws", "devws-sshd", List.of("sh", "-c", "echo a&b=c +"), true, true, false);
        assertThat(spec.uri(new URL("https://10.0.0.1:6443")).toString()).isEqualTo(
                "https://10.0.0.1:6443/api/v1/namespaces/team%20a/pods/ws/exec?command=sh&command=-c"
                        + "&command=echo%20a%26b%3Dc%20%2B&container=devws-sshd&stdin=true&stdout=true&stderr=true&tty=false");
        assertThat(spec.uri(new URL("https://h/prefix/")).toString()).startsWith("https://h/prefix/api/v1/namespaces/");
    }

    @Test
    void aTtyHasNoSeparateStderrAndACommandIsRequired() {
        assertThatThrownBy(() -> new ExecSpec("n", "p", "c", List.of("sh"), true, true, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExecSpec("n", "p", "c", List.of(), true, false, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsExitCodesFromTheStatusChannel() {
        assertThat(ExecStatus.exitCode(new StatusBuilder().withStatus("Success").build())).isZero();
        Status failed = new StatusBuilder().withStatus("Failure").withReason("NonZeroExitCode")
                .withNewDetails().addNewCause().withReason("ExitCode").withMessage("42").endCause().endDetails().build();
        assertThat(ExecStatus.exitCode(failed)).isEqualTo(42);
        assertThat(ExecStatus.exitCode(new StatusBuilder().withStatus("Failure").withMessage("exec failed").build())).isEqualTo(-1);
        assertThat(ExecStatus.exitCode(null)).isEqualTo(-1);
    }
}
