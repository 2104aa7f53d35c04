package org.autoknots.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.autoknots.api.CubicSpline;
import org.autoknots.api.Spline;
import org.autoknots.api.SplineKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A spline kind that fails on gentle, finite data is reported as the kind's defect, by its id;
 * a slope between knots that overflows a double (or comes near it) is still f's.
 */
class SplineKindFaultTest {

    /** A kind {@code id} whose build is {@code build}. */
    private static SplineKind kind(String id, Function<double[][], Spline> build) {
        return new SplineKind() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String description() {
                return "test kind";
            }

            @Override
            public int minKnots() {
                return 2;
            }

            @Override
            public Spline build(double[] x, double[] y) {
                return build.apply(new double[][] {x, y});
            }
        };
    }

    private static final SplineKind NAN_SLOPES = kind("nan-slopes", xy -> {
        double[] m = new double[xy[0].length];
        java.util.Arrays.fill(m, Double.NaN);
        return CubicSpline.hermite(xy[0], xy[1], m);
    });

    private static RefinementOptions options(SplineKind k, RefinementMode mode) {
        return RefinementOptions.builder(0, 1).rel(1e-6).spline(k).mode(mode).build();
    }

    @ParameterizedTest
    @EnumSource(RefinementMode.class)
    void nanSlopesFromGentleDataAreTheKindsDefectNotFs(RefinementMode mode) {
        // f(x) = x: every slope between knots is 1
        SplineKindException e = assertThrows(SplineKindException.class,
                () -> AutoKnots.tabulate(x -> x, options(NAN_SLOPES, mode)));
        assertEquals("nan-slopes", e.kind());
        String m = e.getMessage();
        assertTrue(m.startsWith("spline kind 'nan-slopes' failed on finite data ("), m);
        assertTrue(m.endsWith(" knots in [0, 1], slopes between them at most 1 in size): slope at knot 0 (x = 0.0) is NaN;"
                + " this is a defect of the spline kind, not of f; use another spline kind"), m);
        assertFalse(m.contains("f changes faster") || m.contains("too steep"), m);
        assertTrue(e.withOrigin("plugin p, loaded from p.jar").startsWith(
                "spline kind 'nan-slopes' (plugin p, loaded from p.jar) failed on finite data ("), e::getMessage);
    }

    @Test
    void anExceptionOrNoSplineFromTheKindIsItsDefectToo() {
        SplineKind throwing = kind("throwing", xy -> {
            throw new ArrayIndexOutOfBoundsException("Index 7 out of bounds for length 7");
        });
        SplineKindException e = assertThrows(SplineKindException.class,
                () -> AutoKnots.tabulate(x -> x, options(throwing, RefinementMode.GRADED)));
        assertTrue(e.getMessage().contains("in size): ArrayIndexOutOfBoundsException: Index 7 out of bounds for length 7;"
                + " this is a defect of the spline kind, not of f"), e::getMessage);

        SplineKind none = kind("none", xy -> null);
        SplineKindException n = assertThrows(SplineKindException.class,
                () -> AutoKnots.tabulate(x -> x, options(none, RefinementMode.GRADED)));
        assertTrue(n.getMessage().startsWith("spline kind 'none' returned no spline (null) for "), n::getMessage);
    }

    @Test
    void aSlopeNearTheLargestDoubleIsStillFsSteepness() {
        // slopes 1e200: finite, but beyond what a double-precision spline reliably holds
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AutoKnots.tabulate(x -> 1e200 * x, options(NAN_SLOPES, RefinementMode.GRADED)));
        assertEquals(IllegalArgumentException.class, e.getClass());
        assertTrue(e.getMessage().startsWith("the spline through f's values overflows a double (slope at knot 0 (x = 0.0) is"
                + " NaN): f's slope between knots reaches 1e200, too steep"), e::getMessage);
        // a slope that overflows between two knots: f's, whatever the kind
        IllegalArgumentException o = assertThrows(IllegalArgumentException.class,
                () -> AutoKnots.tabulate(x -> x == 0 ? 0 : Double.MAX_VALUE, options(NAN_SLOPES, RefinementMode.GRADED)));
        assertTrue(o.getMessage().startsWith("f changes faster than a double can hold between x = 0.00000"), o::getMessage);
    }
}
