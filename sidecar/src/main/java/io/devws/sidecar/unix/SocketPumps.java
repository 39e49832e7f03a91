package io.devws.sidecar.unix;

import io.devws.transport.io.Pump;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;

/** The socket-to-SSH-channel half of a bridged socket; the other half is the channel's {@code doWriteData}. */
public final class SocketPumps {
    private SocketPumps() {
    }

    /**
     * Copies a socket's bytes into {@code toChannel} on a daemon thread, closes {@code toChannel}
     * (sending EOF) at the socket's end and then runs {@code onEnd}.
     */
    public static void toChannel(String name, InputStream socket, OutputStream toChannel, Logger log, Runnable onEnd) {
        Pump.start(name, () -> {
            try {
                Pump.copy(socket, toChannel);
                toChannel.close();
            } catch (IOException e) {
                log.debug("{} ended: {}", name, e.toString());
            }
            onEnd.run();
        });
    }
}
