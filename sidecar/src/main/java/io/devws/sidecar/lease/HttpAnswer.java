package io.devws.sidecar.lease;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The status and (the start of) the body of one HTTP/1.1 answer on a connection the server closes after it
 * ({@code Connection: close}): {@link LeaseApi}'s only need. The body is read only as far as the limit: by
 * Content-Length, chunked, or to the end.
 */
record HttpAnswer(int status, String body) {
    static HttpAnswer read(InputStream in, int limit) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status: " + statusLine, e);
        }
        long length = -1;
        boolean chunked = false;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).strip();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding")) {
                chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (long size = chunkSize(line(in)); size > 0 && body.size() < limit; size = chunkSize(line(in))) {
                copy(in, body, size, limit);
                line(in); // the chunk's CRLF
            }
        } else {
            copy(in, body, length < 0 ? Long.MAX_VALUE : length, limit);
        }
        return new HttpAnswer(status, body.toString(StandardCharsets.UTF_8));
    }

    private static long chunkSize(String line) throws IOException {
        int ext = line.indexOf(';');
        try {
            return Long.parseLong((ext < 0 ? line : line.substring(0, ext)).strip(), 16);
        } catch (NumberFormatException e) {
            throw new IOException("bad chunk size: " + line, e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out, long count, int limit) throws IOException {
        byte[] buf = new byte[4096];
        long left = count;
        while (left > 0 && out.size() < limit) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, Math.min(left, limit - out.size())));
            if (n < 0) {
                return;
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }

    /** One header line without its CRLF; the end of the stream ends it too. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (b.size() > 8192) {
                throw new IOException("an HTTP header line longer than 8 KiB");
            }
            b.write(c);
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
