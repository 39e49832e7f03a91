package io.devws.operator.status;

import static io.devws.model.ConditionType.*;
import static io.devws.operator.status.ConditionValue.isFalse;
import static io.devws.operator.status.ConditionValue.isTrue;

import io.devws.model.ConditionType;
import io.devws.model.DevWorkspace;
import io.devws.model.DevWorkspaceStatus;
import io.devws.model.Phase;
import io.devws.model.SidecarContract;
import io.devws.model.SshStatus;
import io.devws.model.WorkspaceNames;
import io.devws.operator.model.StorageModel;
import io.devws.operator.model.WorkspacePolicy;
import io.devws.transport.keys.HostKeys;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pure: observed objects + previous status + clock → the new status and when to look again. */
public final class StatusCalculator {
    public static final String STOPPED_BY_IDLE = "idle";
    /** How often a refused spec is checked again (it may be refused for a Secret its owner opts in later). */
    static final Duration SPEC_RECHECK = Duration.ofSeconds(15);

    private StatusCalculator() {
    }

    /**
     * @param status the status to write
     * @param recheckIn when the status would change by time alone (progress timeout), if ever
     */
    public record Result(DevWorkspaceStatus status, Optional<Duration> recheckIn) {
    }

    public static Result compute(Observed o, Instant now, Duration progressTimeout) {
        DevWorkspace ws = o.workspace();
        DevWorkspaceStatus previous = ws.getStatus() != null ? ws.getStatus() : new DevWorkspaceStatus();
        DevWorkspaceStatus s = new DevWorkspaceStatus();
        s.setObservedGeneration(ws.getMetadata().getGeneration());
        s.setLastActivityTime(o.activityLease().flatMap(l -> IdlePolicy.lastActivity(l, now)).map(Times::format).orElse(previous.getLastActivityTime()));
        Optional<String> nameProblem = WorkspaceNames.of(ws).problem();
        if (nameProblem.isPresent()) {
            List<ConditionValue> all = java.util.Arrays.stream(ConditionType.values())
                    .map(t -> isFalse(t, "InvalidName", nameProblem.get())).toList();
            return finish(s, previous, all, Phase.Failed, nameProblem.get(), now, Optional.empty());
        }
        o.hostKeySecret().flatMap(StatusCalculator::hostKey).ifPresent(k -> s.setSsh(k));
        o.pod().ifPresent(p -> s.setPodName(p.getMetadata().getName()));
        if (s.getSsh() != null) {
            o.pod().flatMap(p -> o.activityLease()).ifPresent(l -> sessionPath(l, s.getSsh()));
        }

        ConditionValue storage = storage(ws, o.pvc());
        ConditionValue hostKey = hostKeyCondition(o.hostKeySecret(), s.getSsh());
        boolean started = ws.getSpec().started();
        if (!started) {
            String why = stoppedMessage(ws, s.getLastActivityTime());
            Phase phase = o.pod().isPresent() ? Phase.Stopping : Phase.Stopped;
            String reason = phase == Phase.Stopping ? "Stopping" : "Stopped";
            List<ConditionValue> all = List.of(storage, hostKey, isFalse(PodReady, reason, why), isFalse(SshReady, reason, why),
                    isFalse(Ready, reason, why));
            return finish(s, previous, all, phase, why, now, Optional.empty());
        }

        ConditionValue podReady;
        ConditionValue sshReady;
        Phase phase;
        Optional<Duration> recheck = Optional.empty();
        if (o.specProblem().isPresent()) {
            String why = "refused: " + o.specProblem().get() + "; no pod is created until the spec is fixed";
            List<ConditionValue> all = List.of(storage, hostKey, isFalse(PodReady, WorkspacePolicy.REASON, why),
                    isFalse(SshReady, WorkspacePolicy.REASON, why), isFalse(Ready, WorkspacePolicy.REASON, why));
            // a Secret's opt-in label is not watched: look again now and then
            return finish(s, previous, all, Phase.Failed, why, now, Optional.of(SPEC_RECHECK));
        }
        if (o.pod().isEmpty()) {
            String msg = "creating pod " + WorkspaceNames.of(ws).pod();
            podReady = isFalse(PodReady, "Creating", msg);
            sshReady = isFalse(SshReady, "PodNotReady", msg);
            phase = Phase.Pending;
        } else {
            Pod pod = o.pod().get();
            PodDiagnosis d = PodDiagnosis.of(pod);
            podReady = d.ready() ? isTrue(PodReady, d.reason(), d.message()) : isFalse(PodReady, d.reason(), d.message());
            sshReady = d.sidecarReady() ? isTrue(SshReady, "SshdListening", "the SSH daemon accepts connections")
                    : isFalse(SshReady, "SidecarNotReady", "waiting for the " + SidecarContract.SIDECAR_CONTAINER + " container");
            if (d.ready() && d.sidecarReady()) {
                phase = Phase.Running;
            } else {
                Duration age = Duration.between(Times.parse(pod.getMetadata().getCreationTimestamp()).orElse(now), now);
                if (d.failing() && age.compareTo(progressTimeout) >= 0) {
                    phase = Phase.Failed;
                } else {
                    phase = Phase.Starting;
                    if (d.failing()) {
                        recheck = Optional.of(progressTimeout.minus(age));
                    }
                }
            }
        }
        List<ConditionValue> parts = List.of(storage, hostKey, podReady, sshReady);
        Optional<ConditionValue> blocking = parts.stream().filter(c -> !c.ok()).findFirst();
        ConditionValue ready = blocking.map(b -> isFalse(Ready, b.reason(), b.message()))
                .orElse(isTrue(Ready, "Running", "ready: ssh " + ws.getMetadata().getName() + "." + ws.getMetadata().getNamespace() + ".devws"));
        List<ConditionValue> all = List.of(storage, hostKey, podReady, sshReady, ready);
        String message = phase == Phase.Failed ? "failed to start within " + io.devws.model.Durations.format(progressTimeout) + ": " + ready.message()
                : ready.message();
        return finish(s, previous, all, phase, message, now, recheck);
    }

    private static Result finish(DevWorkspaceStatus s, DevWorkspaceStatus previous, List<ConditionValue> all, Phase phase,
            String message, Instant now, Optional<Duration> recheck) {
        s.setConditions(Conditions.merge(previous.getConditions(), all, now));
        s.setPhase(phase);
        s.setMessage(message);
        return new Result(s, recheck);
    }

    /**
     * The sidecar reports the path its sessions take on its activity Lease; the status repeats it for
     * `devws status` while there is a pod.
     */
    static void sessionPath(Lease activity, SshStatus ssh) {
        Map<String, String> a = activity.getMetadata().getAnnotations();
        if (a != null) {
            ssh.setSessionPath(a.get(SidecarContract.ANNOTATION_SESSION_PATH));
            ssh.setSessionPathReason(a.get(SidecarContract.ANNOTATION_SESSION_PATH_REASON));
        }
    }

    static ConditionValue storage(DevWorkspace ws, Optional<PersistentVolumeClaim> pvc) {
        var storage = StorageModel.storage(ws);
        if (storage.ephemeral()) {
            return isTrue(StorageReady, "Ephemeral", "emptyDir: files are lost when the pod goes away");
        }
        String name = WorkspaceNames.of(ws).pvc();
        if (pvc.isEmpty()) {
            return isFalse(StorageReady, "Creating", "creating PVC " + name);
        }
        String phase = pvc.get().getStatus() != null ? pvc.get().getStatus().getPhase() : null;
        if ("Bound".equals(phase)) {
            return isTrue(StorageReady, "Bound", "PVC " + name + " is bound");
        }
        if ("Lost".equals(phase)) {
            return isFalse(StorageReady, "Lost", "PVC " + name + " lost its volume: delete the PVC to start with empty storage");
        }
        String sc = pvc.get().getSpec() != null && pvc.get().getSpec().getStorageClassName() != null
                ? "storage class '" + pvc.get().getSpec().getStorageClassName() + "'" : "the default storage class";
        return isFalse(StorageReady, "Pending", "PVC " + name + " is not bound yet (" + sc
                + "; check `kubectl describe pvc " + name + "` if this lasts)");
    }

    static ConditionValue hostKeyCondition(Optional<Secret> secret, SshStatus ssh) {
        if (secret.isEmpty()) {
            return isFalse(HostKeyReady, "Creating", "generating the SSH host key");
        }
        if (ssh == null) {
            return isFalse(HostKeyReady, "Invalid", "Secret " + secret.get().getMetadata().getName()
                    + " holds no readable " + SidecarContract.HOST_KEY_SECRET_PUBLIC + ": delete it to generate a new host key");
        }
        return isTrue(HostKeyReady, "Generated", "host key " + ssh.getHostKeyFingerprint());
    }

    /** The public key and fingerprint from the Secret, if readable. */
    static Optional<SshStatus> hostKey(Secret secret) {
        String pub = value(secret, SidecarContract.HOST_KEY_SECRET_PUBLIC);
        if (pub == null || value(secret, SidecarContract.HOST_KEY_SECRET_PRIVATE) == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SshStatus(SidecarContract.SIDECAR_CONTAINER, HostKeys.withoutComment(pub), HostKeys.fingerprint(pub)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String value(Secret secret, String key) {
        Map<String, String> data = secret.getData();
        if (data != null && data.get(key) != null) {
            return new String(Base64.getDecoder().decode(data.get(key)), StandardCharsets.UTF_8);
        }
        Map<String, String> stringData = secret.getStringData();
        return stringData != null ? stringData.get(key) : null;
    }

    private static String stoppedMessage(DevWorkspace ws, String lastActivity) {
        var annotations = ws.getMetadata().getAnnotations();
        if (annotations != null && STOPPED_BY_IDLE.equals(annotations.get(SidecarContract.ANNOTATION_STOPPED_BY))) {
            return "stopped after " + ws.getSpec().getIdleTimeout() + " without SSH activity"
                    + (lastActivity != null ? " (last activity " + lastActivity + ")" : "") + "; set spec.started=true to start";
        }
        return "stopped (spec.started=false); the storage is kept";
    }
}
