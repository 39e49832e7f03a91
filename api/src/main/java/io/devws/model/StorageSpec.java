package io.devws.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** The workspace volume: a PVC that survives stop/start, or an emptyDir when ephemeral. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StorageSpec {
    public static final String DEFAULT_SIZE = "10Gi";
    public static final String DEFAULT_MOUNT_PATH = "/workspace";
    /** Absolute, not the root, no "." or "..": a directory both containers can mount (MountPaths). */
    static final String ABSOLUTE_PATH_PATTERN = MountPaths.PATTERN;
    /** RFC 1123 subdomain, as Kubernetes object names. */
    static final String DNS_SUBDOMAIN_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    @JsonPropertyDescription("Requested size of the volume (a PVC request; emptyDir size limit when ephemeral).")
    @Default(DEFAULT_SIZE)
    @Pattern(Quantities.PATTERN)
    private String size = DEFAULT_SIZE;

    @JsonPropertyDescription("StorageClass of the PVC. Default: the cluster's default StorageClass.")
    @Pattern(DNS_SUBDOMAIN_PATTERN)
    private String storageClassName;

    @JsonPropertyDescription("Use an emptyDir instead of a PVC: the files are lost when the pod goes away.")
    @Default("false")
    private Boolean ephemeral = false;

    @JsonPropertyDescription("Where the volume is mounted in both containers: an absolute path without '.' or '..'"
            + " segments, not in a system or devws directory (/bin, /boot, /dev, /etc, /lib*, /opt, /proc, /run, /sbin,"
            + " /sys, /tmp, /usr, /var).")
    @Default(DEFAULT_MOUNT_PATH)
    @Pattern(ABSOLUTE_PATH_PATTERN)
    private String mountPath = DEFAULT_MOUNT_PATH;

    public String getSize() {
        return size;
    }

    public void setSize(String size) {
        this.size = size;
    }

    public String getStorageClassName() {
        return storageClassName;
    }

    public void setStorageClassName(String storageClassName) {
        this.storageClassName = storageClassName;
    }

    public Boolean getEphemeral() {
        return ephemeral;
    }

    public void setEphemeral(Boolean ephemeral) {
        this.ephemeral = ephemeral;
    }

    /** Null-safe view with its default. */
    public boolean ephemeral() {
        return ephemeral != null && ephemeral;
    }

    public String getMountPath() {
        return mountPath;
    }

    public void setMountPath(String mountPath) {
        this.mountPath = mountPath;
    }
}
