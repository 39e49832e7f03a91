package io.devws.host.client;

import io.devws.host.protocol.Frames;
import io.devws.host.protocol.Frames.Frame;
import io.devws.host.protocol.Payloads;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.function.IntConsumer;

/**
 * A Unix socket the host listens on in the dev container ({@link HostClient#listen}); closing this ends the
 * listening and removes the socket file. Each accepted connection waits on the host for a {@link HostClient#pickup}.
 */
public final class HostListener implements Closeable {
    private final Socket socket;

    HostListener(Socket socket, DataInputStream in, IntConsumer accepted) {
        this.socket = socket;
        Thread t = new Thread(() -> announce(in, accepted), "devws-host-listener");
        t.setDaemon(true);
        t.start();
    }

    private static void announce(DataInputStream in, IntConsumer accepted) {
        try {
            Frame f;
            while ((f = Frames.read(in)) != null) {
                if (f.type() == Frames.ACCEPTED) {
                    accepted.accept(Payloads.u32(f.payload()));
                }
            }
        } catch (IOException e) {
            // closed, or the host went away: no more connections
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // gone
        }
    }
}
