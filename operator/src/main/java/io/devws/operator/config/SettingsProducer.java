package io.devws.operator.config;

import io.devws.operator.model.ModelSettings;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Turns the operator configuration into the plain settings of the pure model. */
@ApplicationScoped
public class SettingsProducer {
    @Produces
    @Singleton
    ModelSettings settings(OperatorConfig config) {
        var sidecar = config.sidecarResources();
        ResourceRequirements sidecarResources = new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity(sidecar.cpuRequest()))
                .addToRequests("memory", new Quantity(sidecar.memoryRequest()))
                .addToLimits("memory", new Quantity(sidecar.memoryLimit()))
                .build();
        var dev = config.devDefaultResources();
        Map<String, Quantity> requests = new LinkedHashMap<>();
        Map<String, Quantity> limits = new LinkedHashMap<>();
        put(requests, "cpu", dev.cpuRequest());
        put(requests, "memory", dev.memoryRequest());
        put(limits, "cpu", dev.cpuLimit());
        put(limits, "memory", dev.memoryLimit());
        ResourceRequirements devResources = requests.isEmpty() && limits.isEmpty() ? null
                : new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build();
        return new ModelSettings(config.sidecarImage(), config.sidecarImagePullPolicy(), sidecarResources, devResources,
                config.sidecarUser(), config.fsGroup());
    }

    private static void put(Map<String, Quantity> map, String key, Optional<String> value) {
        value.ifPresent(v -> map.put(key, new Quantity(v)));
    }
}
