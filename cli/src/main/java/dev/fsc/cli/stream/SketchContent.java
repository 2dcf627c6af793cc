package dev.fsc.cli.stream;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;

/**
 * What a serialized DataSketches HLL sketch (as Spark's {@code hll_sketch_agg} and {@code FSC_HLL} write it)
 * holds, independent of the order its items came in: the sorted coupons of a small sketch (list and set
 * modes keep them in insertion or hash-probe order), the registers of a large one (its HIP accumulator,
 * which depends on the order, is left out: merged tiles estimate from the registers). Two tiles with the same
 * distinct items have the same content, so they merge to the same estimate.
 */
final class SketchContent {
    private static final int HLL_MODE = 2;
    private static final int HLL_REGISTERS_OFFSET = 40;

    private SketchContent() {
    }

    /** A canonical text of the sketch in {@code base64}; the text itself when it is no sketch. */
    static String of(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return base64;
        }
        if (bytes.length < 8) {
            return base64;
        }
        int preInts = bytes[0];
        int lgK = bytes[3];
        int mode = bytes[7] & 0x3;
        if (mode == HLL_MODE) {
            return "hll lgK=" + lgK + " " + Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, HLL_REGISTERS_OFFSET, bytes.length));
        }
        ByteBuffer coupons = ByteBuffer.wrap(bytes, preInts * 4, bytes.length - preInts * 4).order(ByteOrder.LITTLE_ENDIAN);
        int[] values = new int[coupons.remaining() / 4];
        int n = 0;
        while (coupons.remaining() >= 4) {
            int c = coupons.getInt();
            if (c != 0) {
                values[n++] = c;
            }
        }
        int[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return "coupons lgK=" + lgK + " " + Arrays.toString(sorted);
    }
}
