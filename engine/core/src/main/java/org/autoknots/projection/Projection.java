package org.autoknots.projection;

import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.autoknots.api.RealFunction;
import org.autoknots.api.SurfaceDensity;
import org.autoknots.quadrature.GaussKronrodQuadrature;
import org.autoknots.quadrature.QuadratureException;
import org.autoknots.quadrature.QuadratureResult;

/**
 * Numerical projection of a spherical density profile ρ(r): Σ(R), Σ̄(R) and ΔΣ(R) by adaptive
 * Gauss–Kronrod quadrature ({@link GaussKronrodQuadrature}), for any ρ that is finite for r &gt; 0,
 * decays faster than r⁻¹ (so that Σ exists) and whose cusp at 0 is shallower than r⁻³.
 *
 * <p><b>Substitutions.</b> The textbook integrals have integrable singularities at r = R
 * ((r² − R²)^{−1/2} in Σ; a square-root kink in the cylinder kernel of Σ̄) and a cusp at r → 0.
 * Both are removed before integrating, so the quadrature only sees smooth integrands:
 * <ul>
 * <li>Σ(R) = 2 ∫_R^∞ ρ(r) r dr / √(r² − R²); with r = R cosh t (Binney &amp; Tremaine,
 *     <i>Galactic Dynamics</i>, 2nd ed., §2.6 for the Abel projection):
 *     Σ(R) = 2R ∫₀^∞ ρ(R cosh t) cosh t dt.</li>
 * <li>Σ̄(R) = M_cyl(R)/(πR²) with the cylinder-mass identity
 *     M_cyl(R) = M₃D(R) + ∫_R^∞ 4πr²ρ(r)(1 − √(1 − R²/r²)) dr (shells inside R lie wholly in the
 *     cylinder; a shell of radius r &gt; R contributes the fraction 1 − √(1 − R²/r²) of its mass).
 *     Inside R, r = R e^{−s} turns M₃D into a decaying integral that tolerates any cusp
 *     shallower than r⁻³; outside, r = R cosh t and 1 − tanh t = e^{−t}/cosh t give
 *     Σ̄(R) = 4R [∫₀^∞ e^{−3s} ρ(R e^{−s}) ds + ∫₀^∞ ρ(R cosh t) cosh t sinh t e^{−t} dt].
 *     Both terms are positive and no Σ near R = 0 is needed, so Σ̄ stays accurate as R → 0.</li>
 * <li>ΔΣ(R) = Σ̄ − Σ is integrated directly with the combined kernel
 *     ΔΣ(R) = 2R [2 ∫₀^∞ e^{−3s} ρ(R e^{−s}) ds − ∫₀^∞ ρ(R cosh t) cosh t e^{−2t} dt],
 *     which cancels far less than Σ̄ − Σ for cuspy profiles at small R (for NFW the two terms
 *     are ≈ 2 and 1 while Σ̄ and Σ both grow like ln(1/R)).</li>
 * </ul>
 * The half-lines go to the quadrature's infinite-range map; points where R cosh t overflows or
 * the weight e^{−3s} underflows contribute 0.
 *
 * <p><b>Tolerance.</b> {@link #of} sets the quadrature's tolerance 100 times tighter than the
 * tabulation's (never below 1e−13 relative, the rounding floor of a 15-point rule summed over
 * a few dozen subintervals). The tabulation compares spline values with fresh evaluations:
 * quadrature noise of the same size as its tolerance would be mistaken for interpolation error
 * (refining forever on noise) and would add to the interpolation error in the final table;
 * at 1 % of the tolerance it does neither.
 *
 * <p>Thread-safe: the quadrature keeps per-call state, and the evaluation counter is a
 * {@link LongAdder}.
 */
public final class Projection {

    /** How much tighter than the tabulation's tolerance the quadrature's is. */
    public static final double TOLERANCE_FACTOR = 0.01;
    /** The smallest relative quadrature tolerance {@link #of} asks for. */
    public static final double MIN_QUADRATURE_REL = 1e-13;

    private final RealFunction rho;
    private final double rel;
    private final double abs;
    private final int maxEvaluations;
    private final LongAdder densityEvaluations = new LongAdder();
    private final LongAdder integrals = new LongAdder();

    private Projection(RealFunction rho, double rel, double abs, int maxEvaluations) {
        this.rho = Objects.requireNonNull(rho, "rho");
        // validates the tolerances with the quadrature's own messages
        new GaussKronrodQuadrature(rel, abs, maxEvaluations);
        this.rel = rel;
        this.abs = abs;
        this.maxEvaluations = maxEvaluations;
    }

    /**
     * A projection whose quadrature is accurate enough for a tabulation at (rel, abs):
     * quadrature rel = max(rel/100, 1e−13), abs = abs/100 (see the class comment for why).
     *
     * @param rho           the density profile ρ(r), r &gt; 0
     * @param tabulationRel the tabulation's relative tolerance, ≥ 0
     * @param tabulationAbs the tabulation's absolute tolerance (in units of Σ), ≥ 0
     */
    public static Projection of(RealFunction rho, double tabulationRel, double tabulationAbs) {
        if (!(tabulationRel >= 0) || !Double.isFinite(tabulationRel)) {
            throw new IllegalArgumentException("tabulation rel must be finite and >= 0, got " + tabulationRel);
        }
        if (!(tabulationAbs >= 0) || !Double.isFinite(tabulationAbs)) {
            throw new IllegalArgumentException("tabulation abs must be finite and >= 0, got " + tabulationAbs);
        }
        double rel = tabulationRel > 0 ? Math.max(tabulationRel * TOLERANCE_FACTOR, MIN_QUADRATURE_REL) : 0.0;
        double abs = tabulationAbs * TOLERANCE_FACTOR;
        if (rel == 0 && abs == 0) {
            rel = MIN_QUADRATURE_REL;
        }
        return new Projection(rho, rel, abs, GaussKronrodQuadrature.DEFAULT_MAX_EVALUATIONS);
    }

    /**
     * A projection with explicit quadrature tolerances.
     *
     * @param quadratureRel  relative tolerance of each integral
     * @param quadratureAbs  absolute tolerance of each projected value (units of Σ)
     * @param maxEvaluations ρ evaluations allowed per projected value
     */
    public static Projection withQuadrature(RealFunction rho, double quadratureRel, double quadratureAbs,
            int maxEvaluations) {
        return new Projection(rho, quadratureRel, quadratureAbs, maxEvaluations);
    }

    /** @return the relative tolerance of each integral */
    public double quadratureRel() {
        return rel;
    }

    /** @return the absolute tolerance of each projected value */
    public double quadratureAbs() {
        return abs;
    }

    /** @return the number of ρ evaluations made so far by all calls */
    public long densityEvaluations() {
        return densityEvaluations.sum();
    }

    /** @return the number of projected values computed so far */
    public long integrals() {
        return integrals.sum();
    }

    /** Σ(R) = 2R ∫₀^∞ ρ(R cosh t) cosh t dt. */
    public double sigma(double radius) {
        checkRadius(radius);
        double scale = 2 * radius;
        RealFunction g = t -> {
            double c = Math.cosh(t);
            double r = radius * c;
            if (Double.isInfinite(r)) {
                return 0.0;
            }
            double d = rho.value(r);
            return d == 0 ? 0.0 : d * c;
        };
        double value;
        try {
            value = scale * integrate(g, scale, 0.0, Double.POSITIVE_INFINITY);
        } catch (QuadratureException e) {
            throw explained(SurfaceQuantity.SIGMA, radius, e);
        }
        checkOuterTail(radius, value);
        return value;
    }

    /**
     * Σ̄(R) = 4R [∫₀^∞ e^{−3s} ρ(R e^{−s}) ds + ∫₀^∞ ρ(R cosh t) cosh t sinh t e^{−t} dt],
     * as one integral over v ∈ (−∞, ∞) with a breakpoint at 0 (v = −s inside R, v = t outside).
     */
    public double meanSigma(double radius) {
        checkRadius(radius);
        double scale = 4 * radius;
        RealFunction g = v -> {
            if (v < 0) {
                return inner(radius, v, 1.0);
            }
            double c = Math.cosh(v);
            double r = radius * c;
            if (Double.isInfinite(r)) {
                return 0.0;
            }
            double d = rho.value(r);
            // cosh t sinh t e^{-t} = cosh t (1 - e^{-2t}) / 2, without overflow
            return d == 0 ? 0.0 : d * c * (-Math.expm1(-2 * v)) * 0.5;
        };
        double value;
        try {
            value = scale * integrate(g, scale, Double.NEGATIVE_INFINITY, 0.0, Double.POSITIVE_INFINITY);
        } catch (QuadratureException e) {
            throw explained(SurfaceQuantity.MEAN_SIGMA, radius, e);
        }
        checkOuterTail(radius, value);
        checkInnerTail(radius, value);
        return value;
    }

    /**
     * ΔΣ(R) = 2R [2 ∫₀^∞ e^{−3s} ρ(R e^{−s}) ds − ∫₀^∞ ρ(R cosh t) cosh t e^{−2t} dt], one
     * integral over v ∈ (−∞, ∞) with a breakpoint at 0.
     */
    public double deltaSigma(double radius) {
        checkRadius(radius);
        double scale = 2 * radius;
        RealFunction g = v -> {
            if (v < 0) {
                return inner(radius, v, 2.0);
            }
            double c = Math.cosh(v);
            double r = radius * c;
            if (Double.isInfinite(r)) {
                return 0.0;
            }
            double d = rho.value(r);
            return d == 0 ? 0.0 : -d * c * Math.exp(-2 * v);
        };
        double value;
        try {
            value = scale * integrate(g, scale, Double.NEGATIVE_INFINITY, 0.0, Double.POSITIVE_INFINITY);
        } catch (QuadratureException e) {
            throw explained(SurfaceQuantity.DELTA_SIGMA, radius, e);
        }
        checkOuterTail(radius, value);
        checkInnerTail(radius, value);
        return value;
    }

    /** weight · e^{3v} ρ(R e^{v}) for v &lt; 0, 0 where the weight underflows. */
    private double inner(double radius, double v, double weight) {
        double w = Math.exp(3 * v);
        double r = radius * Math.exp(v);
        if (w == 0 || r == 0) {
            return 0.0;
        }
        double d = rho.value(r);
        return d == 0 ? 0.0 : weight * w * d;
    }

    /** @return the projected quantity q as a function of R */
    public RealFunction function(SurfaceQuantity q) {
        return switch (Objects.requireNonNull(q, "quantity")) {
            case SIGMA -> this::sigma;
            case MEAN_SIGMA -> this::meanSigma;
            case DELTA_SIGMA -> this::deltaSigma;
        };
    }

    /** @return the closed form of q published by a profile, as a function of R */
    public static RealFunction analytic(SurfaceDensity forms, SurfaceQuantity q) {
        Objects.requireNonNull(forms, "forms");
        return switch (Objects.requireNonNull(q, "quantity")) {
            case SIGMA -> forms::sigma;
            case MEAN_SIGMA -> forms::meanSigma;
            case DELTA_SIGMA -> forms::deltaSigma;
        };
    }

    private double integrate(RealFunction g, double scale, double... points) {
        GaussKronrodQuadrature q = new GaussKronrodQuadrature(rel, abs / scale, maxEvaluations);
        QuadratureResult r = q.integrate(g, points);
        densityEvaluations.add(r.evaluations());
        integrals.increment();
        return r.value();
    }

    /**
     * A failed quadrature, explained: a divergent tail if the tail checks (against the rough
     * magnitude 2R·ρ(R)) find one, otherwise the quadrature's message with the quantity and R.
     */
    private QuadratureException explained(SurfaceQuantity q, double radius, QuadratureException e) {
        double rough = Math.abs(2 * radius * rho.value(radius));
        try {
            checkOuterTail(radius, rough);
            if (q != SurfaceQuantity.SIGMA) {
                checkInnerTail(radius, rough);
            }
        } catch (QuadratureException divergent) {
            divergent.addSuppressed(e);
            return divergent;
        }
        // the quadrature's own advice speaks of its internal variable and its evaluation cap, which a
        // pipeline does not set: point at what the user can change instead
        String why = e.getMessage().replaceFirst("; the largest error is on \\[.*$", "");
        return new QuadratureException(q.key() + " at R = " + radius + ": " + why
                + "; loosen the stage's tolerance or narrow its range", e);
    }

    /** Radius at which the outer integrals are cut by overflow in practice. */
    private static final double FAR = 1e300;
    /** Fraction of R at which the inner integrals are cut by underflow in practice. */
    private static final double NEAR = 1e-100;

    /**
     * The substitutions cut the integrals where r overflows (or the weight underflows): that is
     * harmless when ρ falls faster than 1/r, but would silently truncate a divergent Σ. A
     * contribution still worth rel·|value| per unit of t at r = 1e300 means Σ diverges.
     */
    private void checkOuterTail(double radius, double value) {
        double tail = 2 * rho.value(FAR) * FAR;
        if (tail > Math.max(rel * Math.abs(value), abs)) {
            throw new QuadratureException("the projection at R = " + radius + " diverges: rho(r)*r does not vanish as r"
                    + " grows (rho(" + FAR + ") * " + FAR + " = " + tail / 2
                    + "); Sigma needs a density that falls faster than 1/r");
        }
    }

    /** The same for the mass inside R: ρ r³ must vanish as r → 0 (a cusp shallower than r⁻³). */
    private void checkInnerTail(double radius, double value) {
        double r0 = radius * NEAR;
        if (r0 == 0) {
            return; // R itself below ~1e-208: nothing to probe
        }
        double tail = 4 * radius * (rho.value(r0) * NEAR * NEAR * NEAR);
        if (tail > Math.max(rel * Math.abs(value), abs)) {
            throw new QuadratureException("the projection at R = " + radius + " diverges: rho(r)*r^3 does not vanish as"
                    + " r -> 0 (rho(" + r0 + ") = " + rho.value(r0) + "); the mass inside R needs a cusp shallower"
                    + " than r^-3");
        }
    }

    private static void checkRadius(double radius) {
        if (!(radius > 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("projected radius R must be finite and > 0, got " + radius
                    + " (at R = 0, Σ and Σ̄ diverge for cuspy profiles; start the range above 0)");
        }
    }
}
