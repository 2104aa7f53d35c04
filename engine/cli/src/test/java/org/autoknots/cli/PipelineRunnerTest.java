package org.autoknots.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.autoknots.config.Pipeline;
import org.autoknots.config.PipelineLoader;
import org.autoknots.engine.PassFinished;
import org.autoknots.engine.RefinementFinished;
import org.autoknots.engine.StageFinished;
import org.autoknots.engine.StageStarted;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

class PipelineRunnerTest {

    static PluginRegistry registry;

    @BeforeAll
    static void load() {
        registry = PluginRegistry.load(Cli.pluginsDir());
    }

    @AfterAll
    static void close() {
        registry.close();
    }

    static final String YAML = """
            name: quartic
            function:
              id: formula
              params: { expression: "1 + x^4" }
            stages:
              - id: f
                type: tabulate
                range: [0.0, 2.0]
                tolerance: { rel: 1.0e-6 }
                concurrency: 1
              - id: check
                type: validate
                input: f
                max-rel-error: 1.0e-5
                grid-points: 500
            output: out
            """;

    static Pipeline pipeline(Path dir) {
        return PipelineLoader.load(new StringReader(YAML), "q.yaml", dir, new RegistryCatalog(registry));
    }

    @Test
    void stagesAreFramedByStartAndFinishEventsInFileOrder(@TempDir Path dir) {
        PipelineRunner runner = new PipelineRunner(pipeline(dir), registry, dir);
        StepVerifier.create(runner.events())
                .expectNextMatches(e -> e instanceof StageStarted s && s.stageId().equals("f"))
                .expectNextMatches(e -> e instanceof PassFinished p && p.pass() == 1)
                .thenConsumeWhile(e -> e instanceof PassFinished || e instanceof org.autoknots.engine.Warning)
                .expectNextMatches(e -> e instanceof RefinementFinished r && r.result().converged())
                .expectNextMatches(e -> e instanceof StageFinished s && s.stageId().equals("f"))
                .expectNextMatches(e -> e instanceof StageStarted s && s.stageId().equals("check"))
                .expectNextMatches(e -> e instanceof StageFinished s && s.stageId().equals("check"))
                .expectComplete()
                .verify(Duration.ofSeconds(60));
        assertTrue(runner.validationsPassed());
        Outcomes.Validation v = runner.results().get(1).validation();
        assertEquals(500, v.points());
        // the error of the table on the independent grid, recomputed here from the written table's spline
        Outcomes.Table t = runner.results().get(0).tables().get(0);
        double worst = 0;
        for (double x : PipelineRunner.grid(0.0, 2.0, org.autoknots.config.KnotSpacing.LINEAR, 1, 500)) {
            double want = 1 + x * x * x * x;
            worst = Math.max(worst, Math.abs(t.result().spline().value(x) - want) / want);
        }
        assertEquals(worst, v.quantities().get("value").maxRelError(), 1e-3 * worst);
        assertTrue(worst <= 1e-6, "table error " + worst);
        assertTrue(Files.exists(dir.resolve("f.csv")));
    }

    @Test
    void nothingRunsBeforeSubscriptionAndCancellingStopsBeforeTheTable(@TempDir Path dir) {
        PipelineRunner runner = new PipelineRunner(pipeline(dir), registry, dir);
        var events = runner.events();
        assertTrue(runner.results().isEmpty());
        assertFalse(Files.exists(dir.resolve("f.csv")));
        StepVerifier.create(events, 2)
                .expectNextMatches(e -> e instanceof StageStarted)
                .expectNextMatches(e -> e instanceof PassFinished)
                .thenCancel()
                .verify(Duration.ofSeconds(60));
        assertTrue(runner.results().isEmpty());
        assertFalse(Files.exists(dir.resolve("f.csv")), "a cancelled stage writes no table");
    }
}
