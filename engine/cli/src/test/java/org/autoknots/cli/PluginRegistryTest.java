package org.autoknots.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.autoknots.api.FunctionInstance;
import org.autoknots.api.ParameterException;
import org.autoknots.api.TargetFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {

    static Path haloJar() throws IOException {
        try (Stream<Path> s = Files.list(Cli.pluginsDir())) {
            return s.filter(p -> p.getFileName().toString().startsWith("autoknots-plugin-halo-profiles")).findFirst()
                    .orElseThrow(() -> new AssertionError("no halo-profiles JAR in " + Cli.pluginsDir()));
        }
    }

    @Test
    void loadsTheBuiltPluginJarsNotTheTestClassPath() {
        try (PluginRegistry r = PluginRegistry.load(Cli.pluginsDir())) {
            assertEquals(List.of(), r.problems());
            assertTrue(r.functions().keySet().containsAll(List.of("nfw", "hernquist", "einasto", "burkert", "formula")),
                    r.functions()::toString);
            assertTrue(r.splineKinds().keySet().containsAll(List.of("not-a-knot", "natural", "akima")),
                    r.splineKinds()::toString);
            assertEquals(PluginRegistry.BUILT_IN, r.source("not-a-knot"));
            assertEquals("halo-profiles", r.source("nfw"));
            TargetFunction nfw = r.function("nfw").orElseThrow();
            // loaded by PF4J's plugin class loader from the JAR, and absent from the test class path
            assertNotSame(getClass().getClassLoader(), nfw.getClass().getClassLoader());
            assertThrows(ClassNotFoundException.class, () -> Class.forName(nfw.getClass().getName(), false,
                    getClass().getClassLoader()));
        }
    }

    @Test
    void bindsParametersAndRejectsUnknownOnes() {
        try (PluginRegistry r = PluginRegistry.load(Cli.pluginsDir())) {
            // NFW: rho(r_s) = rho_s / 4
            FunctionInstance nfw = r.bind("nfw", Map.of("rho_s", 2.0, "r_s", 3.0));
            assertEquals(0.5, nfw.value(3.0), 1e-15);
            assertTrue(nfw.surfaceDensity().isPresent());
            assertTrue(r.bind("einasto", Map.of("rho_2", 1.0, "r_2", 1.0, "alpha", 0.2)).surfaceDensity().isEmpty());
            ParameterException e = assertThrows(ParameterException.class,
                    () -> r.bind("nfw", Map.of("rho_s", 1.0, "r_s", 1.0, "c", 4.0)));
            assertEquals("c", e.parameter());
            assertTrue(e.getMessage().contains("rho_s, r_s"), e::getMessage);
            // the formula's documented default variable name x is filled in
            FunctionInstance f = r.bind("formula", Map.of("expression", "k*x^2", "k", 3.0));
            assertEquals(12.0, f.value(2.0), 1e-15);
        }
    }

    @Test
    void brokenAndDuplicatePluginsAreReportedByNameAndTheOthersStillLoad(@TempDir Path dir) throws IOException {
        Path halo = haloJar();
        Files.copy(halo, dir.resolve(halo.getFileName()));
        Files.copy(halo, dir.resolve("halo-copy.jar"));
        Files.write(dir.resolve("broken.jar"), new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'z', 'i', 'p'});
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream os = Files.newOutputStream(dir.resolve("no-descriptor.jar"));
                JarOutputStream jar = new JarOutputStream(os, m)) {
            jar.flush();
        }
        try (PluginRegistry r = PluginRegistry.load(dir)) {
            String all = String.join("\n", r.problems());
            assertTrue(all.contains("broken.jar"), all);
            assertTrue(all.contains("no-descriptor.jar"), all);
            assertTrue(all.contains("halo-copy.jar") || all.contains(halo.getFileName().toString()), all);
            assertTrue(r.problems().stream().allMatch(p -> p.lines().count() == 1), all);
            assertTrue(r.functions().keySet().containsAll(List.of("nfw", "hernquist", "einasto")), all);
        }
    }

    /** Copies a plugin JAR under another plugin id: a second plugin offering the same extension ids. */
    static void copyWithPluginId(Path from, Path to, String pluginId) throws IOException {
        try (java.util.jar.JarInputStream in = new java.util.jar.JarInputStream(Files.newInputStream(from))) {
            Manifest m = new Manifest(in.getManifest());
            m.getMainAttributes().putValue("Plugin-Id", pluginId);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(to), m)) {
                java.util.jar.JarEntry e;
                while ((e = in.getNextJarEntry()) != null) {
                    out.putNextEntry(new java.util.jar.JarEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
    }

    @Test
    void aFunctionIdOfferedTwiceKeepsTheFirstAndNamesBothPlugins(@TempDir Path dir) throws IOException {
        Path halo = haloJar();
        Files.copy(halo, dir.resolve(halo.getFileName()));
        copyWithPluginId(halo, dir.resolve("twin.jar"), "twin-profiles");
        try (PluginRegistry r = PluginRegistry.load(dir)) {
            // plugins are visited in id order: halo-profiles before twin-profiles
            assertEquals("halo-profiles", r.source("nfw"));
            String all = String.join("\n", r.problems());
            assertTrue(all.contains("plugin 'twin-profiles' provides function 'nfw', already provided by plugin 'halo-profiles'"),
                    all);
            assertEquals(3, r.problems().size(), all); // nfw, hernquist, einasto
        }
    }

    @Test
    void missingPluginsFolderIsAUsageError(@TempDir Path dir) {
        ErrorReporter.UsageException e = assertThrows(ErrorReporter.UsageException.class,
                () -> PluginRegistry.resolveFolder(dir.resolve("nowhere")));
        assertTrue(e.getMessage().contains("nowhere") && e.getMessage().contains("--plugins-dir"), e::getMessage);
    }

    @Test
    void defaultFolderIsBesideTheCodeNotTheWorkingDirectory() {
        // in the build the CLI's classes are in target/classes, so the default is target/plugins
        assertEquals(Cli.pluginsDir(), PluginRegistry.defaultFolder());
    }
}
