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
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.indexOf('.') >= 0) {
            int end = mantissa.length();
            while (mantissa.charAt(end - 1) == '0') {
                end--;
            }
            if (mantissa.charAt(end - 1) == '.') {
                end--;
            }
            mantissa = mantissa.substring(0, end);
        }
        // the exponent as a plain integer: e-05 → e-5, e+100 → e100 (what one would type)
        return e < 0 ? mantissa : mantissa + "e" + Integer.parseInt(s.substring(e + 1));
    }
}
