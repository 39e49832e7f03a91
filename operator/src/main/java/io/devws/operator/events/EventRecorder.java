package io.devws.operator.events;

import io.devws.model.DevWorkspace;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Writes transitions as core/v1 Events on the DevWorkspace (what `kubectl describe` lists). An Event is
 * best effort: a failure to write one is logged and never fails the reconcile. The last batch per
 * workspace is remembered so that a reconcile on a cached primary a moment behind our own status patch
 * does not tell the same transitions twice.
 */
@ApplicationScoped
public class EventRecorder {
    static final String COMPONENT = "devws-operator";
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);

    private final Map<String, String> lastByWorkspace = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    public void record(KubernetesClient client, DevWorkspace ws, List<Transition> transitions) {
        if (transitions.isEmpty()) {
            return;
        }
        String uid = ws.getMetadata().getUid();
        if (uid != null && transitions.toString().equals(lastByWorkspace.put(uid, transitions.toString()))) {
            return;
        }
        for (Transition t : transitions) {
            try {
                client.v1().events().inNamespace(ws.getMetadata().getNamespace()).resource(event(ws, t, clock.instant())).create();
            } catch (KubernetesClientException e) {
                LOG.warnf("%s/%s: could not record Event %s: %s", ws.getMetadata().getNamespace(), ws.getMetadata().getName(),
                        t.reason(), e.getMessage());
            }
        }
    }

    static Event event(DevWorkspace ws, Transition t, Instant now) {
        String time = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
        return new EventBuilder()
                .withNewMetadata()
                // the client-go recorder's naming: object name, then the time in hex nanoseconds
                .withName(ws.getMetadata().getName() + "." + Long.toHexString(now.getEpochSecond() * 1_000_000_000L + now.getNano()))
                .withNamespace(ws.getMetadata().getNamespace())
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(DevWorkspace.API_VERSION).withKind("DevWorkspace")
                        .withName(ws.getMetadata().getName()).withNamespace(ws.getMetadata().getNamespace())
                        .withUid(ws.getMetadata().getUid()).build())
                .withType(t.type().name())
                .withReason(t.reason())
                .withMessage(t.message())
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent("devws.io/operator")
                .withReportingInstance(System.getenv().getOrDefault("HOSTNAME", COMPONENT))
                .withFirstTimestamp(time)
                .withLastTimestamp(time)
                .withCount(1)
                .build();
    }
}
