package io.devws.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The operator's copy of the CRD's mount-path rules (the schema fixtures check the CRD's). */
class MountPathsTest {
    @ParameterizedTest
    @ValueSource(strings = {"/workspace", "/home/dev", "/src/", "/optional", "/home/.cache", "/x/...", "/x/..y", "/root", "/usr-local"})
    void accepts(String path) {
        assertThat(MountPaths.problem(path)).as(path).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "", "workspace", "/x/..", "/x/../opt", "/./opt", "/x/.", "//opt", "/x//y", "/a\u0000b"})
    void refusesMalformed(String path) {
        assertThat(MountPaths.problem(path)).as(path).hasValueSatisfying(p -> assertThat(p).contains("'.' or '..'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/opt/devws-sidecar", "/opt", "/opt/", "/opt/devws-host", "/run/devws/agent", "/etc/devws/hostkey",
        "/var/run/secrets/kubernetes.io/serviceaccount", "/tmp", "/usr/lib/jvm", "/proc/self", "/lib64"})
    void refusesSystemAndDevwsDirectories(String path) {
        assertThat(MountPaths.problem(path)).as(path).hasValueSatisfying(p -> assertThat(p).contains("system or devws directory"));
    }

    @ParameterizedTest
    @ValueSource(strings = {SidecarContract.AGENT_DIR, SidecarContract.HOST_DIR, SidecarContract.HOST_SOCKET_DIR,
        SidecarContract.SOCKET_DIR, SidecarContract.HOST_KEY_DIR})
    void everyDevwsMountIsReserved(String path) {
        assertThat(MountPaths.problem(path)).as(path).isPresent();
    }
}
