package org.autoknots.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.autoknots.api.FunctionInstance;
import org.autoknots.api.Parameters;
import org.autoknots.api.Spline;
import org.autoknots.api.TargetFunction;
import org.autoknots.refine.AutoKnots;
import org.autoknots.refine.KnotScale;
import org.autoknots.refine.RefinementOptions;
import org.autoknots.refine.RefinementResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

/**
 * The example third-party plugin ({@code plugins/example-burkert}) loaded the way a user
 * installs it: its built JAR, alone in a plugins folder, through a PF4J
 * {@link DefaultPluginManager}; never from the test class path.
 */
class ExamplePluginTest {

    @TempDir
    Path folder;

    @Test
    void burkertJarLoadsThroughPf4jAndTabulates() throws IOException {
        Path built = Path.of(System.getProperty("autoknots.test.plugins"));
        Path jar;
        try (Stream<Path> s = Files.list(built)) {
            jar = s.filter(p -> p.getFileName().toString().startsWith("autoknots-plugin-example-burkert")
                    && p.getFileName().toString().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no example-burkert JAR in " + built));
        }
        Files.copy(jar, folder.resolve(jar.getFileName()));
        // the class must come from the JAR, not from the test class path
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.example.burkert.BurkertProfile"));

        DefaultPluginManager manager = new DefaultPluginManager(folder) {
            @Override
            public RuntimeMode getRuntimeMode() {
                return RuntimeMode.DEPLOYMENT;
            }
        };
        try {
            manager.loadPlugins();
            manager.startPlugins();
            List<PluginWrapper> plugins = manager.getPlugins();
            assertEquals(1, plugins.size());
            PluginWrapper w = plugins.get(0);
            assertEquals("example-burkert", w.getPluginId());
            assertEquals(PluginState.STARTED, w.getPluginState());

            List<TargetFunction> functions = manager.getExtensions(TargetFunction.class);
            assertEquals(1, functions.size());
            TargetFunction burkert = functions.get(0);
            assertEquals("burkert", burkert.id());
            assertTrue(burkert.getClass().getClassLoader() != getClass().getClassLoader(), "loaded by the plugin's class loader");

            double rho0 = 5.0;
            double r0 = 0.7;
            FunctionInstance f = burkert.create(Parameters.of(Map.of("rho_0", rho0, "r_0", r0)));
            assertEquals(rho0 / 4, f.value(r0), 1e-15);

            double a = 1e-3;
            double b = 1e3;
            double rel = 1e-6;
            RefinementResult r = AutoKnots.tabulate(f, RefinementOptions.builder(a, b).scale(KnotScale.LOG).rel(rel)
                    .concurrency(2).build());
            assertTrue(r.converged(), r.toString());
            assertTrue(r.evaluations() < 5000, "evaluations " + r.evaluations());
            Spline s = r.spline();
            Random rnd = new Random(1995);
            double worst = 0;
            int n = 20_000;
            for (int i = 0; i < n; i++) {
                double x = Math.exp(Math.log(a) + (Math.log(b) - Math.log(a)) * (i + 0.05 + 0.9 * rnd.nextDouble()) / n);
                double q = x / r0;
                double exact = rho0 / ((1 + q) * (1 + q * q));
                worst = Math.max(worst, Math.abs(s.value(x) - exact) / (rel * exact));
            }
            assertTrue(worst <= 1.0, "error/tolerance on a jittered grid: " + worst);
        } finally {
            manager.stopPlugins();
            manager.unloadPlugins();
        }
    }
}
