package io.devws.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/** Pod-level settings of the workspace pod. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodSpec {
    @JsonPropertyDescription("Node labels the pod must be scheduled on.")
    private Map<String, String> nodeSelector;

    @JsonPropertyDescription("Tolerations of the pod.")
    private List<Toleration> tolerations;

    @JsonPropertyDescription("Secrets for pulling the dev image.")
    private List<LocalObjectReference> imagePullSecrets;

    @JsonPropertyDescription("Extra annotations on the pod; devws.io/* keys are dropped, AppArmor and seccomp annotations refused.")
    private Map<String, String> annotations;

    @JsonPropertyDescription("Extra labels on the pod; devws.io/* keys are dropped.")
    private Map<String, String> labels;

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    public List<LocalObjectReference> getImagePullSecrets() {
        return imagePullSecrets;
    }

    public void setImagePullSecrets(List<LocalObjectReference> imagePullSecrets) {
        this.imagePullSecrets = imagePullSecrets;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }
}
