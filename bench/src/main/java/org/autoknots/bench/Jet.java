package org.autoknots.bench;

/**
 * A truncated Taylor series of order 4, c₀ + c₁·h + … + c₄·h⁴ with cₖ = g⁽ᵏ⁾(x)/k!: forward-mode
 * automatic differentiation up to the fourth derivative, used by the bench to compute the exact
 * f⁗ that enters the lower bound N* (see {@link NStar}).
 *
 * <p>Method: the recurrences of Taylor-series arithmetic (Griewank &amp; Walther, <i>Evaluating
 * Derivatives</i>, 2nd ed., SIAM 2008, ch. 13): Cauchy products for ×, the division recurrence,
 * and for elementary functions u = F(g) the identity u′ = F′(g)·g′ integrated term by term.
 * The result is exact up to rounding; there is no step size to choose.
 */
public final class Jet {

    /** Number of Taylor coefficients kept (orders 0 to 4). */
    public static final int N = 5;

    private final double[] c;

    private Jet(double[] c) {
        this.c = c;
    }

    /** @return the independent variable at x: x + 1·h */
    public static Jet variable(double x) {
        double[] c = new double[N];
        c[0] = x;
        c[1] = 1.0;
        return new Jet(c);
    }

    /** @return the constant v */
    public static Jet constant(double v) {
        double[] c = new double[N];
        c[0] = v;
        return new Jet(c);
    }

    /** @return the value g(x) */
    public double value() {
        return c[0];
    }

    /** @return the k-th derivative g⁽ᵏ⁾(x), k ≤ 4 */
    public double derivative(int k) {
        double fact = 1;
        for (int i = 2; i <= k; i++) {
            fact *= i;
        }
        return c[k] * fact;
    }

    /** @return the Taylor coefficient cₖ */
    public double coefficient(int k) {
        return c[k];
    }

    public Jet add(Jet o) {
        double[] r = new double[N];
        for (int k = 0; k < N; k++) {
            r[k] = c[k] + o.c[k];
        }
        return new Jet(r);
    }

    public Jet add(double v) {
        double[] r = c.clone();
        r[0] += v;
        return new Jet(r);
    }

    public Jet subtract(Jet o) {
        double[] r = new double[N];
        for (int k = 0; k < N; k++) {
            r[k] = c[k] - o.c[k];
        }
        return new Jet(r);
    }

    public Jet negate() {
        return multiply(-1.0);
    }

    public Jet multiply(double v) {
        double[] r = new double[N];
        for (int k = 0; k < N; k++) {
            r[k] = c[k] * v;
        }
        return new Jet(r);
    }

    public Jet multiply(Jet o) {
        double[] r = new double[N];
        for (int k = 0; k < N; k++) {
            double s = 0;
            for (int j = 0; j <= k; j++) {
                s += c[j] * o.c[k - j];
            }
            r[k] = s;
        }
        return new Jet(r);
    }

    public Jet divide(double v) {
        return multiply(1.0 / v);
    }

    /** q = this / o: q₀ = a₀/b₀, qₖ = (aₖ − Σⱼ₌₁ᵏ bⱼ qₖ₋ⱼ) / b₀. */
    public Jet divide(Jet o) {
        double[] q = new double[N];
        for (int k = 0; k < N; k++) {
            double s = c[k];
            for (int j = 1; j <= k; j++) {
                s -= o.c[j] * q[k - j];
            }
            q[k] = s / o.c[0];
        }
        return new Jet(q);
    }

    /** @return v / this */
    public Jet reciprocal(double v) {
        return constant(v).divide(this);
    }

    /** e = exp(g): k·eₖ = Σⱼ₌₁ᵏ j·gⱼ·eₖ₋ⱼ. */
    public Jet exp() {
        double[] e = new double[N];
        e[0] = Math.exp(c[0]);
        for (int k = 1; k < N; k++) {
            double s = 0;
            for (int j = 1; j <= k; j++) {
                s += j * c[j] * e[k - j];
            }
            e[k] = s / k;
        }
        return new Jet(e);
    }

    /** l = ln g: g₀·lₖ = gₖ − (1/k)·Σⱼ₌₁ᵏ⁻¹ j·lⱼ·gₖ₋ⱼ. */
    public Jet log() {
        double[] l = new double[N];
        l[0] = Math.log(c[0]);
        for (int k = 1; k < N; k++) {
            double s = c[k];
            for (int j = 1; j < k; j++) {
                s -= j * l[j] * c[k - j] / k;
            }
            l[k] = s / c[0];
        }
        return new Jet(l);
    }

    /**
     * p = g^a for g₀ &gt; 0: from g·p′ = a·g′·p, g₀·k·pₖ = Σⱼ₌₁ᵏ (a·j − (k − j))·gⱼ·pₖ₋ⱼ.
     */
    public Jet pow(double a) {
        double[] p = new double[N];
        p[0] = Math.pow(c[0], a);
        for (int k = 1; k < N; k++) {
            double s = 0;
            for (int j = 1; j <= k; j++) {
                s += (a * j - (k - j)) * c[j] * p[k - j];
            }
            p[k] = s / (k * c[0]);
        }
        return new Jet(p);
    }

    public Jet sqrt() {
        return pow(0.5);
    }

    /** sin and cos together: k·sₖ = Σ j·gⱼ·cₖ₋ⱼ, k·cₖ = −Σ j·gⱼ·sₖ₋ⱼ. */
    private Jet[] sinCos() {
        double[] s = new double[N];
        double[] co = new double[N];
        s[0] = Math.sin(c[0]);
        co[0] = Math.cos(c[0]);
        for (int k = 1; k < N; k++) {
            double ss = 0;
            double cc = 0;
            for (int j = 1; j <= k; j++) {
                ss += j * c[j] * co[k - j];
                cc -= j * c[j] * s[k - j];
            }
            s[k] = ss / k;
            co[k] = cc / k;
        }
        return new Jet[] {new Jet(s), new Jet(co)};
    }

    public Jet sin() {
        return sinCos()[0];
    }

    public Jet cos() {
        return sinCos()[1];
    }

    /**
     * t = tanh(g) with w = 1 − t² = sech²(g) carried along (so nothing overflows for large |g|):
     * k·tₖ = Σⱼ₌₁ᵏ j·gⱼ·wₖ₋ⱼ, wₖ = −Σⱼ₌₀ᵏ tⱼ·tₖ₋ⱼ.
     */
    public Jet tanh() {
        double[] t = new double[N];
        double[] w = new double[N];
        t[0] = Math.tanh(c[0]);
        double ch = Math.cosh(c[0]);
        w[0] = 1.0 / (ch * ch);
        for (int k = 1; k < N; k++) {
            double s = 0;
            for (int j = 1; j <= k; j++) {
                s += j * c[j] * w[k - j];
            }
            t[k] = s / k;
            double q = 0;
            for (int j = 0; j <= k; j++) {
                q += t[j] * t[k - j];
            }
            w[k] = -q;
        }
        return new Jet(t);
    }

    /** |g| for g₀ ≠ 0 (the sign of g₀ times g). */
    public Jet abs() {
        return c[0] < 0 ? negate() : this;
    }

    /**
     * u = F(g) given u₀ = F(g₀) and the jet of F′(g): u′ = F′(g)·g′, so uₖ = pₖ₋₁/k with
     * p = F′(g)·g′ and (g′)ₘ = (m + 1)·gₘ₊₁.
     */
    private Jet compose(double u0, Jet fprime) {
        double[] gp = new double[N];
        for (int m = 0; m + 1 < N; m++) {
            gp[m] = (m + 1) * c[m + 1];
        }
        Jet p = fprime.multiply(new Jet(gp));
        double[] u = new double[N];
        u[0] = u0;
        for (int k = 1; k < N; k++) {
            u[k] = p.c[k - 1] / k;
        }
        return new Jet(u);
    }

    /** arccos g for |g₀| &lt; 1: (arccos)′(g) = −(1 − g²)^(−1/2). */
    public Jet acos() {
        Jet fp = constant(1.0).subtract(multiply(this)).pow(-0.5).negate();
        return compose(Math.acos(c[0]), fp);
    }

    /** arccosh g for g₀ &gt; 1: (arccosh)′(g) = (g² − 1)^(−1/2). */
    public Jet acosh() {
        Jet fp = multiply(this).add(-1.0).pow(-0.5);
        return compose(Functions.acosh(c[0]), fp);
    }

    @Override
    public String toString() {
        return "Jet" + java.util.Arrays.toString(c);
    }
}
