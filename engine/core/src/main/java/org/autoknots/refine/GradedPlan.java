package org.autoknots.refine;

/**
 * Graded refinement from fourth divided differences ({@code docs/graded-refinement.md}).
 * Placeholder until implemented: behaves as the paper plan.
 */
final class GradedPlan extends DelegatingPlan {
    GradedPlan(RefinementOptions o) {
        super(new PaperPlan(o));
    }
}
