package io.devws.install.render;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** A multi-document YAML stream (helm template output, deploy/operator.yaml) as typed Fabric8 objects. */
public final class Manifests {
    private static final Pattern SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    private final List<HasMetadata> objects;

    private Manifests(List<HasMetadata> objects) {
        this.objects = List.copyOf(objects);
    }

    /** Parses every non-empty document; each must become the Fabric8 class of its apiVersion/kind. */
    public static Manifests parse(String yaml) {
        List<HasMetadata> out = new ArrayList<>();
        for (String doc : SEPARATOR.split(yaml)) {
            if (isBlank(doc)) {
                continue;
            }
            Object parsed = Serialization.unmarshal(doc);
            if (!(parsed instanceof HasMetadata)) {
                throw new IllegalArgumentException("not a Kubernetes object:\n" + doc);
            }
            out.add((HasMetadata) parsed);
        }
        return new Manifests(out);
    }

    private static boolean isBlank(String doc) {
        return doc.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"));
    }

    public List<HasMetadata> all() {
        return objects;
    }

    /** Objects that Fabric8 did not map to a typed model class (CRDs of other projects, such as ServiceMonitor). */
    public List<HasMetadata> untyped() {
        return objects.stream().filter(o -> o instanceof GenericKubernetesResource).toList();
    }

    public <T extends HasMetadata> List<T> ofType(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = ofType(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", found " + found.size());
        }
        return found.get(0);
    }

    public Optional<HasMetadata> find(String kind, String name) {
        return objects.stream()
                .filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
                .findFirst();
    }

    public List<String> kinds() {
        return objects.stream().map(HasMetadata::getKind).toList();
    }
}
