package io.devws.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.dsl.internal.ExecWebSocketListener;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExecFramesTest {
    @Test
    void encodesChannelBytePrefix() {
        byte[] data = "xhello".getBytes(StandardCharsets.UTF_8);
        byte[] frame = ExecFrames.encode(ExecFrames.STDERR, data, 1, 5);
        assertThat(frame).hasSize(6);
        assertThat(frame[0]).isEqualTo((byte) 2);
        assertThat(ExecFrames.channel(frame)).isEqualTo(ExecFrames.STDERR);
        assertThat(new String(ExecFrames.payload(frame), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void emptyPayloadIsAValidFrame() {
        byte[] frame = ExecFrames.encode(ExecFrames.STDIN, new byte[0], 0, 0);
        assertThat(frame).containsExactly(0);
        assertThat(ExecFrames.payload(frame)).isEmpty();
    }

    @Test
    void rejectsUnknownChannelsAndEmptyFrames() {
        assertThatThrownBy(() -> ExecFrames.encode(5, new byte[0], 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExecFrames.channel(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exitStatusParsesAsFabric8ParsesTheKubeletsStatus() {
        KubernetesSerialization json = new KubernetesSerialization();
        assertThat(ExecWebSocketListener.parseExitCode(json.unmarshal(ExecFrames.exitStatus(0), Status.class))).isZero();
        assertThat(ExecWebSocketListener.parseExitCode(json.unmarshal(ExecFrames.exitStatus(42), Status.class))).isEqualTo(42);
    }

    @Test
    void internalErrorHasNoExitCode() {
        Status status = new KubernetesSerialization().unmarshal(ExecFrames.internalError("no \"sh\""), Status.class);
        assertThat(status.getStatus()).isEqualTo("Failure");
        assertThat(status.getMessage()).isEqualTo("no \"sh\"");
        assertThat(ExecWebSocketListener.parseExitCode(status)).isEqualTo(-1);
    }

    @Test
    void parsesResize() {
        assertThat(ExecFrames.resize("{\"Width\":132,\"Height\":43}".getBytes(StandardCharsets.UTF_8)))
                .containsExactly(132, 43);
    }

    @Test
    void parsesExecRequests() {
        ExecRequest r = ExecRequest.parse("/api/v1/namespaces/team-a/pods/ws/exec?command=sh&command=-c"
                + "&command=echo%20a%26b&container=devws-sshd&stdin=true&stdout=true&stderr=true&tty=true").orElseThrow();
        assertThat(r.namespace()).isEqualTo("team-a");
        assertThat(r.pod()).isEqualTo("ws");
        assertThat(r.container()).isEqualTo("devws-sshd");
        assertThat(r.command()).containsExactly("sh", "-c", "echo a&b");
        assertThat(r.stdin() && r.stdout() && r.stderr() && r.tty()).isTrue();
        assertThat(ExecRequest.parse("/api/v1/namespaces/team-a/pods/ws")).isEmpty();
    }
}
