package io.devws.sidecar.session;

import java.io.IOException;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.channel.PipeDataReceiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session channel's input: MINA's pipe, except that data arriving once the pipe is closed is dropped instead of
 * thrown. The session's end closes the channel (and with it this pipe) on its own thread while MINA's reader may be
 * past its "is the channel closing?" check with the client's next stdin packet; the "Pipe closed" it then threw
 * failed the whole SSH connection (ssh exit 255 after the command's output: an early exit such as
 * {@code head -c 10 < big}, HostExecutorIT). Nobody reads a closed pipe, so dropping is what a session owes. It is
 * also what lets {@link SessionCommand} end its stdin pump by closing this pipe rather than interrupting the thread.
 */
final class SessionInput extends PipeDataReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(SessionInput.class);

    SessionInput(ChannelSession channel) {
        super(channel, channel.getLocalWindow());
    }

    @Override
    public int data(ChannelSession channel, byte[] buf, int start, int len) throws IOException {
        try {
            return super.data(channel, buf, start, len);
        } catch (IOException e) {
            LOG.debug("dropped {} bytes of input for a session whose input is closed: {}", len, e.toString());
            return 0; // no window released: the channel is ending, or nobody will ever read it
        }
    }
}
