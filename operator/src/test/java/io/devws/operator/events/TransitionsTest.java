package io.devws.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.model.Condition;
import io.devws.model.DevWorkspace;
import io.devws.model.DevWorkspaceStatus;
import io.devws.model.Phase;
import io.devws.model.SidecarContract;
import io.devws.operator.model.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransitionsTest {
    static DevWorkspaceStatus status(Phase phase, long generation, String podReason, boolean ssh) {
        DevWorkspaceStatus s = new DevWorkspaceStatus();
        s.setPhase(phase);
        s.setObservedGeneration(generation);
        s.setMessage(phase + " message");
        List<Condition> conditions = new ArrayList<>();
        conditions.add(condition("PodReady", podReason.equals("Ready"), podReason, "pod: " + podReason));
        conditions.add(condition("SshReady", ssh, ssh ? "SshdListening" : "SidecarNotReady", "ssh"));
        conditions.add(condition("Ready", phase == Phase.Running, phase == Phase.Running ? "Running" : podReason, "ready: ssh ws.ns.devws"));
        s.setConditions(conditions);
        return s;
    }

    static Condition condition(String type, boolean ok, String reason, String message) {
        Condition c = new Condition();
        c.setType(type);
        c.setStatus(ok ? "True" : "False");
        c.setReason(reason);
        c.setMessage(message);
        return c;
    }

    static List<String> reasons(DevWorkspace ws, DevWorkspaceStatus before, DevWorkspaceStatus after) {
        return Transitions.between(ws, before, after, Optional.empty()).stream().map(Transition::reason).toList();
    }

    final DevWorkspace ws = Fixtures.imageOnly("ns", "ws");

    @Test
    void anEqualStatusIsNoTransition() {
        assertThat(reasons(ws, status(Phase.Running, 1, "Ready", true), status(Phase.Running, 1, "Ready", true))).isEmpty();
    }

    @Test
    void aNewWorkspaceIsCreatedAndStarted_thenSshReady() {
        assertThat(reasons(ws, null, status(Phase.Pending, 1, "Creating", false))).containsExactly("Created", "Started");
        assertThat(reasons(ws, status(Phase.Starting, 1, "ContainersNotReady", false), status(Phase.Running, 1, "Ready", true)))
                .containsExactly("SshReady");
    }

    /** A refused spec says why once (not as a plain Failed), and again when an edit leaves it refused for another reason. */
    @Test
    void aRefusedSpecIsOneInvalidSpecWarningPerReason() {
        DevWorkspaceStatus refused = status(Phase.Failed, 1, "InvalidSpec", false);
        refused.setMessage("refused: spec.storage.mountPath '/opt/x' ...");
        var events = Transitions.between(ws, status(Phase.Pending, 1, "Creating", false), refused, Optional.empty());
        assertThat(events).singleElement().satisfies(t -> {
            assertThat(t.reason()).isEqualTo("InvalidSpec");
            assertThat(t.message()).isEqualTo(refused.getMessage());
        });
        assertThat(reasons(ws, refused, refused)).isEmpty();
        DevWorkspaceStatus other = status(Phase.Failed, 2, "InvalidSpec", false);
        other.setMessage("refused: spec.container.env TOKEN: ...");
        assertThat(reasons(ws, refused, other)).containsExactly("InvalidSpec");
    }

    @Test
    void stopAndIdleStop() {
        assertThat(reasons(ws, status(Phase.Stopping, 2, "Stopping", false), status(Phase.Stopped, 2, "Stopped", false)))
                .containsExactly("Stopped");
        ws.getMetadata().setAnnotations(Map.of(SidecarContract.ANNOTATION_STOPPED_BY, "idle"));
        assertThat(reasons(ws, status(Phase.Running, 1, "Ready", true), status(Phase.Stopped, 2, "Stopped", false)))
                .containsExactly("IdleStopped");
        assertThat(reasons(ws, status(Phase.Stopped, 2, "Stopped", false), status(Phase.Starting, 3, "ContainersNotReady", false)))
                .containsExactly("Started");
    }

    @Test
    void podRecreatedIsAWarningUnlessTheSpecChanged() {
        var gone = Transitions.between(ws, status(Phase.Running, 1, "Ready", true), status(Phase.Pending, 1, "Creating", false), Optional.empty());
        assertThat(gone).singleElement().satisfies(t -> {
            assertThat(t.reason()).isEqualTo("PodRecreated");
            assertThat(t.type()).isEqualTo(Transition.Type.Warning);
        });
        var changed = Transitions.between(ws, status(Phase.Running, 1, "Ready", true), status(Phase.Pending, 2, "Creating", false), Optional.empty());
        assertThat(changed).singleElement().satisfies(t -> assertThat(t.type()).isEqualTo(Transition.Type.Normal));
    }

    @Test
    void imagePullFailureIsToldOnceAcrossErrImagePullAndBackOff_thenFailed() {
        var starting = status(Phase.Starting, 1, "ContainerCreating", false);
        var err = status(Phase.Starting, 1, "ErrImagePull", false);
        var backOff = status(Phase.Starting, 1, "ImagePullBackOff", false);
        assertThat(reasons(ws, starting, err)).containsExactly("ImagePullFailed");
        assertThat(reasons(ws, err, backOff)).isEmpty();
        assertThat(reasons(ws, backOff, status(Phase.Failed, 1, "ImagePullBackOff", false))).containsExactly("Failed");
    }
}
