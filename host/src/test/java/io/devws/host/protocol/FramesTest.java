package io.devws.host.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FramesTest {
    @Test
    void framesRoundTripInOrderAndEndCleanlyBetweenFrames() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        Frames.write(out, Frames.HELLO, Payloads.hello());
        Frames.write(out, Frames.STDOUT, "xhello".getBytes(), 1, 5);
        Frames.write(out, Frames.STDIN_EOF, new byte[0]);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(b.toByteArray()));
        Frames.Frame hello = Frames.read(in);
        assertThat(hello.type()).isEqualTo(Frames.HELLO);
        assertThat(Payloads.helloVersion(hello.payload())).isEqualTo(Frames.VERSION);
        Frames.Frame data = Frames.read(in);
        assertThat(data.type()).isEqualTo(Frames.STDOUT);
        assertThat(new String(data.payload())).isEqualTo("hello");
        assertThat(Frames.read(in).payload()).isEmpty();
        assertThat(Frames.read(in)).isNull();
    }

    @Test
    void headerIsTypeThenBigEndianLength() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Frames.write(new DataOutputStream(b), Frames.SIGNAL, new byte[] {9, 8});
        assertThat(b.toByteArray()).containsExactly(10, 0, 0, 0, 2, 9, 8);
    }

    @Test
    void oversizedOrTruncatedFramesAreErrorsNotAllocations() {
        byte[] huge = {Frames.STDIN, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThatThrownBy(() -> Frames.read(new DataInputStream(new ByteArrayInputStream(huge))))
                .isInstanceOf(IOException.class).hasMessageContaining("exceeds");
        byte[] cut = {Frames.STDIN, 0, 0, 0, 9, 1, 2};
        assertThatThrownBy(() -> Frames.read(new DataInputStream(new ByteArrayInputStream(cut))))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void aHelloWithoutTheMagicIsRefused() {
        assertThatThrownBy(() -> Payloads.helloVersion(new byte[] {'S', 'S', 'H', '-', 0, 1}))
                .hasMessageContaining("not a devws session host");
    }

    @Test
    void startRequestKeepsNullsApartFromEmptyStrings() throws IOException {
        StartRequest shell = new StartRequest(null, Map.of("A", "1"), null, "xterm", 132, 50, Map.of(53, 0, 128, 38400));
        assertThat(StartRequest.decode(shell.encode())).isEqualTo(shell);
        StartRequest exec = new StartRequest("", Map.of(), "", null, 0, 0, Map.of());
        StartRequest back = StartRequest.decode(exec.encode());
        assertThat(back).isEqualTo(exec);
        assertThat(back.pty()).isFalse();
        assertThat(back.command()).isEmpty();
    }

    @Test
    void exitInfoCarriesSignalAndCore() throws IOException {
        assertThat(ExitInfo.decode(new ExitInfo(7, null, false).encode())).isEqualTo(new ExitInfo(7, null, false));
        assertThat(ExitInfo.decode(new ExitInfo(143, "TERM", true).encode())).isEqualTo(new ExitInfo(143, "TERM", true));
    }
}
