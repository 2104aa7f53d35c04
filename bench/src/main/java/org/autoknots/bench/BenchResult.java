package org.autoknots.bench;

import org.autoknots.refine.RefinementMode;
import org.autoknots.refine.RefinementResult;

/**
 * One row of the benchmark table: a case at one tolerance tabulated in one mode, with its
 * lower bound and its independent verification.
 *
 * @param c the case, at the tolerance used
 * @param mode the refinement mode
 * @param result what the engine returned
 * @param nstar the lower bound N* (NaN when undefined: a kink)
 * @param verification the check on the jittered grid
 * @param seconds wall time of the tabulation
 */
public record BenchResult(BenchCase c, RefinementMode mode, RefinementResult result, double nstar,
        Verifier.Verification verification, double seconds) {

    /** @return evaluations / N*, NaN when N* is undefined */
    public double ratio() {
        return result.evaluations() / nstar;
    }

    /**
     * @return the budget for the default mode: 1.3·N* where N* ≥ 100, 2·N* below (where
     *         the start-up passes dominate); NaN when N* is undefined
     */
    public double budgetRatio() {
        return nstar >= 100 ? 1.3 : 2.0;
    }

    /** @return true when N* is defined and evaluations ≤ budget · N* */
    public boolean withinBudget() {
        return !Double.isNaN(nstar) && ratio() <= budgetRatio();
    }

    /** @return true when every verification point is within tolerance */
    public boolean verified() {
        return verification.passed();
    }
}
