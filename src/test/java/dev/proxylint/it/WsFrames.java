package dev.proxylint.it;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** RFC 6455 framing and HTTP head reading shared by {@link WsEchoBackend} and {@link WsClient}. */
final class WsFrames {
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;
    static final int MAX_PAYLOAD = 1 << 20;
    static final int MAX_HEAD = 64 * 1024;
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    record Frame(boolean fin, int opcode, boolean masked, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private WsFrames() {
    }

    static String acceptFor(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] d = sha1.digest((key.trim() + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads one frame; throws EOFException at end of stream. */
    static Frame read(InputStream in) throws IOException {
        int b0 = readByte(in);
        int b1 = readByte(in);
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0F;
        boolean masked = (b1 & 0x80) != 0;
        long len = b1 & 0x7F;
        if (len == 126) {
            len = ((long) readByte(in) << 8) | readByte(in);
        } else if (len == 127) {
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = (len << 8) | readByte(in);
            }
        }
        if (len > MAX_PAYLOAD || len < 0) {
            throw new IOException("frame too large: " + len);
        }
        byte[] mask = null;
        if (masked) {
            mask = readFully(in, 4);
        }
        byte[] payload = readFully(in, (int) len);
        if (mask != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
        }
        return new Frame(fin, opcode, masked, payload);
    }

    /** Writes one frame; {@code mask} null means unmasked (server to client). */
    static void write(OutputStream out, boolean fin, int opcode, byte[] payload, byte[] mask) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(payload.length + 14);
        buf.write((fin ? 0x80 : 0) | opcode);
        int maskBit = mask == null ? 0 : 0x80;
        if (payload.length < 126) {
            buf.write(maskBit | payload.length);
        } else if (payload.length <= 0xFFFF) {
            buf.write(maskBit | 126);
            buf.write(payload.length >>> 8);
            buf.write(payload.length & 0xFF);
        } else {
            buf.write(maskBit | 127);
            long l = payload.length;
            for (int i = 7; i >= 0; i--) {
                buf.write((int) (l >>> (8 * i)) & 0xFF);
            }
        }
        if (mask == null) {
            buf.write(payload);
        } else {
            buf.write(mask);
            for (int i = 0; i < payload.length; i++) {
                buf.write(payload[i] ^ mask[i & 3]);
            }
        }
        out.write(buf.toByteArray());
        out.flush();
    }

    /**
     * Reads an HTTP head up to and including the empty line (ISO-8859-1), at most {@link #MAX_HEAD}
     * bytes; returns null on a clean EOF before any byte.
     */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
        int last = 0; // the last four bytes, newest in the low byte
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (buf.size() == 0) {
                    return null;
                }
                throw new EOFException("connection closed inside HTTP head after " + buf.size() + " bytes");
            }
            buf.write(c);
            if (buf.size() > MAX_HEAD) {
                throw new IOException("HTTP head longer than " + MAX_HEAD + " bytes");
            }
            last = (last << 8) | c;
            // CRLF CRLF, or (leniently) LF LF
            if (last == 0x0D0A0D0A || (last & 0xFFFF) == 0x0A0A) {
                break;
            }
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    /** Header fields of a head (first line excluded), names lower-cased, repeated fields kept in order. */
    static Map<String, List<String>> headers(String head) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        String[] lines = head.split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            map.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(line.substring(colon + 1).trim());
        }
        return map;
    }

    /** True when a comma-separated header (all occurrences) contains {@code token}, case-insensitively. */
    static boolean hasToken(Map<String, List<String>> headers, String name, String token) {
        List<String> values = headers.get(name);
        if (values == null) {
            return false;
        }
        for (String v : values) {
            for (String part : v.split(",")) {
                if (part.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed");
        }
        return b;
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOFException("connection closed inside a frame");
        }
        return b;
    }
}
