package org.autoknots.refine;

import java.util.Locale;

/**
 * Numbers as the messages and result lines show them: a given count of significant digits,
 * without the trailing zeros of the mantissa, the exponent kept whole and written as one would
 * type it ({@code 1e-100}, {@code 1e100}, {@code 62.83185307}, {@code 2.5e-5}); every such string
 * reads back with {@link Double#parseDouble}.
 */
public final class Numbers {

    private Numbers() {
    }

    /**
     * @return v exactly, as {@link Double#toString} has it (the digits that tell it from its
     *         neighbours), written the same way as {@link #format(double, int)}: {@code 1e-20},
     *         {@code 0.1}, {@code 2.5e20}; a whole number below 10^15 in full ({@code 2147483647})
     */
    public static String shortest(double v) {
        if (v == 0) {
            return "0";
        }
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        int e = s.indexOf('E');
        String mantissa = trimZeros(e < 0 ? s : s.substring(0, e));
        return e < 0 ? mantissa : mantissa + "e" + Integer.parseInt(s.substring(e + 1));
    }

    /** @return v with up to 10 significant digits ({@link #format(double, int)}) */
    public static String format(double v) {
        return format(v, 10);
    }

    /**
     * @param v      the number
     * @param digits significant digits, at least 1 ({@code %g} precision)
     * @return v rounded to {@code digits} significant digits in {@code %g} style, with the
     *         mantissa's trailing zeros (and a bare decimal point) removed and the exponent
     *         without leading zeros or a plus sign; 0 for ±0, and
     *         {@code NaN}, {@code Infinity} or {@code -Infinity} when not finite
     */
    public static String format(double v, int digits) {
        if (v == 0) {
            return "0";
        }
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        String s = String.format(Locale.ROOT, "%." + Math.max(1, digits) + "g", v);
        int e = s.indexOf('e');
        String mantissa = trimZeros(e < 0 ? s : s.substring(0, e));
        // the exponent as a plain integer: e-05 → e-5, e+100 → e100 (what one would type)
        return e < 0 ? mantissa : mantissa + "e" + Integer.parseInt(s.substring(e + 1));
    }

    /** @return a decimal's trailing zeros after the point removed, and the point too when bare */
    private static String trimZeros(String mantissa) {
        if (mantissa.indexOf('.') < 0) {
            return mantissa;
        }
        int end = mantissa.length();
        while (mantissa.charAt(end - 1) == '0') {
            end--;
        }
        if (mantissa.charAt(end - 1) == '.') {
            end--;
        }
        return mantissa.substring(0, end);
    }
}
