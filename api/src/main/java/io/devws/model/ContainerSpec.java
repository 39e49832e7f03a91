package io.devws.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;

/** The user's container ("dev"): image, command and how it runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerSpec {
    /** No whitespace, no leading separator: what a registry reference can look like. */
    static final String IMAGE_PATTERN = "^[a-zA-Z0-9][^\\s]*$";
    /** A Secret's owner lets workspaces reference it in env (secretKeyRef) with this label set to "true". */
    public static final String SECRET_OPT_IN_LABEL = "devws.io/workspace-env";

    @JsonPropertyDescription("Container image of the workspace, e.g. debian:bookworm.")
    @Required
    @Pattern(IMAGE_PATTERN)
    private String image;

    @JsonPropertyDescription("Entrypoint. Default: a command that keeps the container alive and exits on SIGTERM.")
    private List<String> command;

    @JsonPropertyDescription("Arguments to the entrypoint.")
    private List<String> args;

    @JsonPropertyDescription("Environment variables of the dev container: value, fieldRef, resourceFieldRef, or"
            + " secretKeyRef to a Secret labelled devws.io/workspace-env: \"true\".")
    private List<EnvVar> env;

    @JsonPropertyDescription("Working directory of the container's main process. Default: the storage mount path (where SSH sessions start).")
    @Pattern(StorageSpec.ABSOLUTE_PATH_PATTERN)
    private String workingDir;

    @JsonPropertyDescription("Compute resources of the dev container.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("Image pull policy: Always, IfNotPresent or Never. Default: Kubernetes' rule for the tag.")
    private ImagePullPolicy imagePullPolicy;

    @JsonPropertyDescription("User id the dev container runs as. Default: the image's user.")
    @Min(0)
    private Long runAsUser;

    @JsonPropertyDescription("Group id the dev container runs as. Default: the image's group.")
    @Min(0)
    private Long runAsGroup;

    public ContainerSpec() {
    }

    public ContainerSpec(String image) {
        this.image = image;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public List<String> getCommand() {
        return command;
    }

    public void setCommand(List<String> command) {
        this.command = command;
    }

    public List<String> getArgs() {
        return args;
    }

    public void setArgs(List<String> args) {
        this.args = args;
    }

    public List<EnvVar> getEnv() {
        return env;
    }

    public void setEnv(List<EnvVar> env) {
        this.env = env;
    }

    public String getWorkingDir() {
        return workingDir;
    }

    public void setWorkingDir(String workingDir) {
        this.workingDir = workingDir;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public ImagePullPolicy getImagePullPolicy() {
        return imagePullPolicy;
    }

    public void setImagePullPolicy(ImagePullPolicy imagePullPolicy) {
        this.imagePullPolicy = imagePullPolicy;
    }

    public Long getRunAsUser() {
        return runAsUser;
    }

    public void setRunAsUser(Long runAsUser) {
        this.runAsUser = runAsUser;
    }

    public Long getRunAsGroup() {
        return runAsGroup;
    }

    public void setRunAsGroup(Long runAsGroup) {
        this.runAsGroup = runAsGroup;
    }
}
