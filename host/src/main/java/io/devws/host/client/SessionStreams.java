package io.devws.host.client;

import io.devws.host.protocol.Frames.Frame;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A session's stdin, stdout and stderr as the daemon sees them: framed over the host connection
 * ({@link FramedStreams}), or the child's own pipes that the host handed over ({@link PipeStreams}).
 */
interface SessionStreams {
    OutputStream stdin();

    InputStream stdout();

    InputStream stderr();

    /** A frame from the host other than EXIT; throws for one these streams do not expect. */
    void onFrame(Frame f) throws IOException;

    /** The host reported the exit: returns once the output has ended, or after a bounded wait for it. */
    void exited() throws InterruptedException;

    /** The connection ended or the session is being closed: no reader or writer waits on the host any more. */
    void close();
}
