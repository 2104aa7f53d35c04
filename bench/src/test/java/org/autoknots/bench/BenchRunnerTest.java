package org.autoknots.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.autoknots.refine.RefinementMode;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchRunnerTest {

    /** A reduced battery: both scales, a smooth, a steep, a kinked and a log-scale case. */
    private static final String REDUCED = "exp,runge,tanh50,kink,powerlaw";

    @Test
    void reducedBatteryPassesVerificationInBothModes() {
        List<BenchResult> rows = BenchRunner.run(Battery.select(REDUCED),
                List.of(BenchRunner.Tier.parse("table"), BenchRunner.Tier.parse("1e-10")),
                List.of(RefinementMode.PAPER, RefinementMode.GRADED), 1, Verifier.DEFAULT_POINTS, 20_000);
        assertEquals(5 * 2 * 2, rows.size());
        for (BenchResult r : rows) {
            String what = r.c().id() + " rel " + r.c().rel() + " " + r.mode();
            assertTrue(r.verified(), what + ": worst error/tolerance " + r.verification().worstRatio() + " at x = "
                    + r.verification().worstX());
            assertEquals(r.result().knots(), r.result().evaluations(), what + ": every evaluation is a knot");
            // no method can beat the asymptotic bound by much (sanity of N* and of the count)
            if (!Double.isNaN(r.nstar())) {
                assertTrue(r.ratio() > 0.8, what + ": evaluations/N* = " + r.ratio());
                // the budget for the default mode: 1.3·N* (N* ≥ 100), 2·N* below
                if (r.mode() == RefinementMode.GRADED) {
                    assertTrue(r.withinBudget(), what + ": evaluations " + r.result().evaluations() + " = "
                            + r.ratio() + " × N* exceeds " + r.budgetRatio() + " × N*");
                }
            }
        }
    }

    @Test
    void commandPrintsAMarkdownRowPerCaseAndMode() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        BenchMain main = new BenchMain();
        CommandLine cl = new CommandLine(main);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("--cases", "exp,runge", "--tolerances", "table", "--nstar-points", "10000");
        assertEquals(0, code, err.toString());
        String md = out.toString();
        assertTrue(md.contains("| exp | linear | 1e-6 | 0 | paper |"), md);
        assertTrue(md.contains("| runge | linear | 1e-6 | 0 | graded |"), md);
        assertEquals(4, md.lines().filter(l -> l.startsWith("| exp |") || l.startsWith("| runge |")).count(), md);
    }

    @Test
    void badOptionsGiveOneLineErrors() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new BenchMain());
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        assertEquals(2, cl.execute("--cases", "exp,nosuch"));
        assertTrue(err.toString().contains("unknown bench case 'nosuch'; valid: all, exp"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchRunner.Tier.parse("tight"));
        assertTrue(e.getMessage().contains("'tight'"), e.getMessage());
    }
}
