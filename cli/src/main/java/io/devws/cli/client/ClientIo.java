package io.devws.cli.client;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;

/** The built-in client's standard streams, and whether they are a terminal (injectable for tests). */
public record ClientIo(InputStream in, OutputStream out, OutputStream err, boolean terminal) {
    public static ClientIo system() {
        return new ClientIo(new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out),
                new FileOutputStream(FileDescriptor.err), System.console() != null);
    }
}
