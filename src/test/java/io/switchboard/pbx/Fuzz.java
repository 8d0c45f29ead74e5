package io.switchboard.pbx;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Mutations for the protocol fuzz tests: byte-level edits of real captured frames (what a broken
 * link or a hostile peer sends) and header-level edits of decoded events (what a PBX version we
 * never captured might send). Edits are values, so jqwik can shrink a failing case to a few.
 */
public final class Fuzz {

    /** Every fuzz property runs from this seed, so CI runs are reproducible. */
    public static final String SEED = "20261124";

    private Fuzz() {
    }

    public enum ByteOp { FLIP, DROP, DUPLICATE, INSERT_RANDOM, STRIP_CR, DOUBLE_CRLF, DROP_LF, CUT, HUGE, BAD_UTF8, DIGITS_TO_TEXT }

    /** One byte-level edit at a relative position ({@code at} in [0, 1)). */
    public record ByteEdit(ByteOp op, double at, int arg) {
    }

    public enum FieldOp { DROP, SWAP_WITH_OTHER_EVENT, NUMBER_TO_TEXT, HUGE, EMPTY, RANDOM_TEXT, NEGATIVE, OVERFLOW, DUPLICATE }

    /** One header-level edit: {@code field} and {@code donor} are indexes taken modulo the sizes. */
    public record FieldEdit(FieldOp op, int field, int donor, String text) {
    }

    public static Arbitrary<List<ByteEdit>> byteEdits(int max) {
        Arbitrary<ByteEdit> one = Combinators.combine(Arbitraries.of(ByteOp.class),
                Arbitraries.doubles().between(0, 1).ofScale(6).filter(d -> d < 1), Arbitraries.integers().between(0, 255))
                .as(ByteEdit::new);
        return one.list().ofMinSize(1).ofMaxSize(max);
    }

    public static Arbitrary<List<FieldEdit>> fieldEdits(int max) {
        Arbitrary<FieldEdit> one = Combinators.combine(Arbitraries.of(FieldOp.class),
                Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(0, 10_000),
                Arbitraries.strings().all().ofMaxLength(12)).as(FieldEdit::new);
        return one.list().ofMinSize(1).ofMaxSize(max);
    }

    /** Size of the run of bytes {@code HUGE} inserts: past every line limit the tests configure. */
    public static final int HUGE_BYTES = 80_000;

    public static byte[] mutate(byte[] in, List<ByteEdit> edits) {
        byte[] b = in;
        for (ByteEdit e : edits) {
            b = apply(b, e);
        }
        return b;
    }

    private static byte[] apply(byte[] b, ByteEdit e) {
        int at = (int) (e.at() * b.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 16);
        switch (e.op()) {
            case FLIP -> {
                byte[] c = b.clone();
                if (c.length > 0) {
                    c[at] ^= (byte) (1 << (e.arg() & 7));
                }
                return c;
            }
            case DROP -> {
                int n = Math.min(1 + e.arg() % 16, b.length - at);
                out.write(b, 0, at);
                out.write(b, at + n, b.length - at - n);
            }
            case DUPLICATE -> {
                int n = Math.min(1 + e.arg(), b.length - at);
                out.write(b, 0, at + n);
                out.write(b, at, b.length - at);
            }
            case INSERT_RANDOM -> {
                out.write(b, 0, at);
                out.write(e.arg());
                out.write(b, at, b.length - at);
            }
            case STRIP_CR, DOUBLE_CRLF, DROP_LF -> {
                // from the edit position on: CRs removed, line ends doubled, or LFs removed
                out.write(b, 0, at);
                for (int i = at; i < b.length; i++) {
                    if (e.op() == ByteOp.STRIP_CR && b[i] == '\r' || e.op() == ByteOp.DROP_LF && b[i] == '\n') {
                        continue;
                    }
                    out.write(b[i]);
                    if (e.op() == ByteOp.DOUBLE_CRLF && b[i] == '\n') {
                        out.write('\r');
                        out.write('\n');
                    }
                }
            }
            case CUT -> out.write(b, 0, at);
            case HUGE -> {
                out.write(b, 0, at);
                byte[] run = new byte[HUGE_BYTES];
                java.util.Arrays.fill(run, (byte) ('A' + e.arg() % 26));
                out.write(run, 0, run.length);
                out.write(b, at, b.length - at);
            }
            case BAD_UTF8 -> {
                out.write(b, 0, at);
                byte[][] bad = {{(byte) 0xC3}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
                out.write(bad[e.arg() % bad.length], 0, bad[e.arg() % bad.length].length);
                out.write(b, at, b.length - at);
            }
            case DIGITS_TO_TEXT -> {
                byte[] c = b.clone();
                for (int i = at; i < c.length && i < at + 64; i++) {
                    if (c[i] >= '0' && c[i] <= '9') {
                        c[i] = (byte) ('a' + c[i] - '0');
                    }
                }
                return c;
            }
        }
        return out.toByteArray();
    }

    /** A header value as the field edit leaves it; {@code donor} is a value from another event. */
    public static String value(FieldEdit e, String value, String donor) {
        return switch (e.op()) {
            case SWAP_WITH_OTHER_EVENT -> donor;
            case NUMBER_TO_TEXT -> value.replaceAll("[0-9]", "x").isEmpty() ? "x" : value.replaceAll("[0-9]", "x");
            case HUGE -> "9".repeat(40) + "z".repeat(20_000);
            case EMPTY -> "";
            case RANDOM_TEXT -> e.text();
            case NEGATIVE -> "-" + value;
            case OVERFLOW -> "99999999999999999999";
            case DROP, DUPLICATE -> value;
        };
    }

    /** Reads at most {@code chunk} bytes per call, as a socket does. */
    public static InputStream chunked(byte[] data, int chunk) {
        return new FilterInputStream(new java.io.ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    /** Splits a capture into its frames: the blank-line-terminated blocks (AMI) as raw bytes. */
    public static List<byte[]> blocks(byte[] data, int max) {
        List<byte[]> out = new ArrayList<>();
        String s = new String(data, StandardCharsets.ISO_8859_1);
        int start = 0;
        while (out.size() < max) {
            int end = s.indexOf("\r\n\r\n", start);
            if (end < 0) {
                break;
            }
            out.add(s.substring(start, end + 4).getBytes(StandardCharsets.ISO_8859_1));
            start = end + 4;
        }
        return out;
    }
}
