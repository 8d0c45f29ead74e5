package io.switchboard.pbx.freeswitch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The raw frames of a FreeSWITCH inbound capture (header block, blank line, Content-Length body). */
final class EslCaptureFrames {

    private EslCaptureFrames() {
    }

    static List<byte[]> load(String name, int max) {
        byte[] data;
        try (InputStream in = EslCaptureFrames.class.getResourceAsStream("/simulator/freeswitch/" + name)) {
            data = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String s = new String(data, StandardCharsets.ISO_8859_1);
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        while (out.size() < max) {
            int end = s.indexOf("\n\n", start);
            if (end < 0) {
                break;
            }
            int length = 0;
            for (String line : s.substring(start, end).split("\n")) {
                if (line.startsWith("Content-Length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            int frameEnd = Math.min(s.length(), end + 2 + length);
            out.add(s.substring(start, frameEnd).getBytes(StandardCharsets.ISO_8859_1));
            start = frameEnd;
        }
        return out;
    }
}
