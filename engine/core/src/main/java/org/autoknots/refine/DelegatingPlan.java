package org.autoknots.refine;

import org.autoknots.api.Spline;

/** Forwards to another plan. */
class DelegatingPlan implements RefinementPlan {
    private final RefinementPlan d;

    DelegatingPlan(RefinementPlan d) {
        this.d = d;
    }

    @Override
    public void start(double[] x, double[] y, Spline s) {
        d.start(x, y, s);
    }

    @Override
    public Proposal propose(double[] x, double[] y, Spline s) {
        return d.propose(x, y, s);
    }

    @Override
    public void observe(double[] x, double[] y, Spline s, Proposal p, double[] f, double[] sOld) {
        d.observe(x, y, s, p, f, sOld);
    }

    @Override
    public int openIntervals() {
        return d.openIntervals();
    }

    @Override
    public double worstErrorRatio() {
        return d.worstErrorRatio();
    }

    @Override
    public double[] unresolved(double[] x) {
        return d.unresolved(x);
    }

    @Override
    public int refineRounds() {
        return d.refineRounds();
    }
}
