package io.devws.sidecar;

/** Entry point of devws-sidecar (placeholder). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("devws-sidecar 0.1.0-SNAPSHOT");
    }
}
