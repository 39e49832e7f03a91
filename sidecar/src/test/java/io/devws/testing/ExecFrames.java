package io.devws.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The {@code v4.channel.k8s.io} frame format of {@code pods/exec}: every binary WebSocket message
 * starts with one channel byte. Pure functions, no I/O.
 */
public final class ExecFrames {
    public static final String SUBPROTOCOL = "v4.channel.k8s.io";
    public static final int STDIN = 0;
    public static final int STDOUT = 1;
    public static final int STDERR = 2;
    /** Status JSON (a metav1.Status) sent once when the process ended. */
    public static final int STATUS = 3;
    /** Terminal size JSON {@code {"Width":80,"Height":24}} sent by the client. */
    public static final int RESIZE = 4;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExecFrames() {
    }

    /** One frame: the channel byte, then {@code length} bytes of {@code data} from {@code offset}. */
    public static byte[] encode(int channel, byte[] data, int offset, int length) {
        if (channel < 0 || channel > RESIZE) {
            throw new IllegalArgumentException("no such exec channel: " + channel);
        }
        byte[] frame = new byte[length + 1];
        frame[0] = (byte) channel;
        System.arraycopy(data, offset, frame, 1, length);
        return frame;
    }

    public static int channel(byte[] frame) {
        if (frame.length == 0) {
            throw new IllegalArgumentException("empty exec frame");
        }
        return frame[0] & 0xff;
    }

    public static byte[] payload(byte[] frame) {
        channel(frame);
        return Arrays.copyOfRange(frame, 1, frame.length);
    }

    /** The status JSON the kubelet sends on channel 3 for an exit code. */
    public static String exitStatus(int exitCode) {
        if (exitCode == 0) {
            return "{\"metadata\":{},\"status\":\"Success\"}";
        }
        return "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code: "
                + "exit status " + exitCode + "\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":"
                + "[{\"reason\":\"ExitCode\",\"message\":\"" + exitCode + "\"}]}}";
    }

    /** The status JSON for a process that could not start at all (no exit code). */
    public static String internalError(String message) {
        return "{\"metadata\":{},\"status\":\"Failure\",\"message\":" + quote(message)
                + ",\"reason\":\"InternalError\"}";
    }

    /** Parses a resize payload into {columns, rows}. */
    public static int[] resize(byte[] payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            return new int[] {node.path("Width").asInt(), node.path("Height").asInt()};
        } catch (IOException e) {
            throw new UncheckedIOException("bad resize frame", e);
        }
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
