package org.autoknots.refine;

import java.util.Locale;

/**
 * The coordinate u in which the refinement makes its spacing decisions (the spline itself is
 * always built in x): {@code linear} u = x, {@code log} u = ln x (needs x &gt; 0),
 * {@code asinh} u = asinh(x/s) (signed ranges over many decades, s the asinh scale).
 */
public enum KnotScale {
    LINEAR {
        @Override
        public double toU(double x, double s) {
            return x;
        }

        @Override
        public double toX(double u, double s) {
            return u;
        }
    },
    LOG {
        @Override
        public double toU(double x, double s) {
            return Math.log(x);
        }

        @Override
        public double toX(double u, double s) {
            return Math.exp(u);
        }
    },
    ASINH {
        @Override
        public double toU(double x, double s) {
            return asinh(x / s);
        }

        @Override
        public double toX(double u, double s) {
            return s * Math.sinh(u);
        }
    };

    /** @return u(x) for the asinh scale s (ignored except by {@code asinh}) */
    public abstract double toU(double x, double s);

    /** @return x(u), the inverse of {@link #toU} */
    public abstract double toX(double u, double s);

    /**
     * @param text {@code linear}, {@code log} or {@code asinh}, any case
     * @throws IllegalArgumentException naming the text and the valid choices
     */
    public static KnotScale parse(String text) {
        if (text != null) {
            for (KnotScale k : values()) {
                if (k.name().equalsIgnoreCase(text.trim())) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException("unknown knot scale '" + text + "'; valid: linear, log, asinh");
    }

    /** @return the lower-case id ({@code linear}, {@code log}, {@code asinh}) */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** asinh(z) accurate for tiny and huge |z| (Java 17 has no Math.asinh). */
    static double asinh(double z) {
        double a = Math.abs(z);
        double r;
        if (a > 1e8) {
            r = Math.log(a) + Math.log(2.0);
        } else {
            r = Math.log1p(a + a * a / (1.0 + Math.sqrt(1.0 + a * a)));
        }
        return Math.copySign(r, z);
    }
}
