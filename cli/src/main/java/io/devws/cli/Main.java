package io.devws.cli;

/** Entry point of devws (placeholder). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("devws 0.1.0-SNAPSHOT");
    }
}
