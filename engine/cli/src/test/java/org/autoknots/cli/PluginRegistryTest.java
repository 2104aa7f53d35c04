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
    void aFunctionIdOfferedTwiceKeepsTheFirstLoadedAndNamesBothPlugins(@TempDir Path dir) throws IOException {
        Path halo = haloJar();
        Files.copy(halo, dir.resolve(halo.getFileName()));
        // its file name sorts after the halo JAR's, its plugin id before 'halo-profiles'
        copyWithPluginId(halo, dir.resolve("twin.jar"), "aaa-twin");
        try (PluginRegistry r = PluginRegistry.load(dir)) {
            // the JARs are read by file name: the halo JAR first
            assertEquals("halo-profiles", r.source("nfw"));
            String all = String.join("\n", r.problems());
            assertTrue(all.contains("plugin 'aaa-twin' (twin.jar) provides function 'nfw', which plugin 'halo-profiles' ("
                    + halo.getFileName() + "), loaded before it, already provides: that one is kept, this one is ignored;"
                    + " give the function another id"), all);
            assertEquals(3, r.problems().size(), all); // nfw, hernquist, einasto
        }
    }

    @Test
    void missingEmptyOrFilePluginsFolderIsAUsageError(@TempDir Path dir) throws IOException {
        Path bundled = Cli.pluginsDir();
        ErrorReporter.UsageException e = assertThrows(ErrorReporter.UsageException.class,
                () -> PluginRegistry.resolveFolders(List.of(dir.resolve("nowhere").toString()), null, bundled));
        assertTrue(e.getMessage().contains("nowhere") && e.getMessage().contains("--plugins-dir")
                && e.getMessage().contains("does not exist"), e::getMessage);
        ErrorReporter.UsageException empty = assertThrows(ErrorReporter.UsageException.class,
                () -> PluginRegistry.resolveFolders(List.of(""), null, bundled));
        assertTrue(empty.getMessage().startsWith("--plugins-dir is empty"), empty::getMessage);
        Path file = Files.writeString(dir.resolve("afile"), "x");
        ErrorReporter.UsageException isFile = assertThrows(ErrorReporter.UsageException.class,
                () -> PluginRegistry.resolveFolders(null, file.toString(), bundled));
        assertTrue(isFile.getMessage().contains("afile") && isFile.getMessage().contains("is a file")
                && isFile.getMessage().contains(PluginRegistry.ENV), isFile::getMessage);
        ErrorReporter.UsageException none = assertThrows(ErrorReporter.UsageException.class,
                () -> PluginRegistry.resolveFolders(null, null, dir.resolve("no-bundle")));
        assertTrue(none.getMessage().contains("no-bundle"), none::getMessage);
    }

    @Test
    void userFoldersComeAfterTheBundledOneAsAPathListWithoutDuplicates(@TempDir Path dir) throws IOException {
        Path bundled = Cli.pluginsDir();
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        String list = a + java.io.File.pathSeparator + b;
        assertEquals(List.of(bundled.toRealPath(), a.toRealPath(), b.toRealPath()),
                PluginRegistry.resolveFolders(List.of(list), null, bundled));
        // the environment variable is used only without the option; the bundled folder given again is not repeated
        assertEquals(List.of(bundled.toRealPath(), b.toRealPath()),
                PluginRegistry.resolveFolders(null, bundled + java.io.File.pathSeparator + b, bundled));
        assertEquals(List.of(bundled.toRealPath(), a.toRealPath()),
                PluginRegistry.resolveFolders(List.of(a.toString()), b.toString(), bundled));
        assertEquals(List.of(bundled.toRealPath()), PluginRegistry.resolveFolders(null, " ", bundled));
    }

    @Test
    void aDuplicatePluginIdAcrossFoldersGivesOneLineNamingBothJarsAndTheKeptOne(@TempDir Path dir) throws IOException {
        Path halo = haloJar();
        Path first = Files.createDirectory(dir.resolve("first"));
        Path second = Files.createDirectory(dir.resolve("second"));
        Files.copy(halo, first.resolve("zz-halo.jar"));
        copyWithPluginId(halo, second.resolve("aa-halo.jar"), "halo-profiles");
        // not plugins: a subfolder (even one holding a JAR) and a stray file are not tried
        Path sub = Files.createDirectory(second.resolve("sub"));
        Files.copy(halo, sub.resolve("nested.jar"));
        Files.writeString(second.resolve("notes.txt"), "not a plugin");
        try (PluginRegistry r = PluginRegistry.load(List.of(first, second))) {
            assertEquals(1, r.problems().size(), r.problems()::toString);
            String p = r.problems().get(0);
            assertEquals(1, p.lines().count(), p);
            assertTrue(p.contains("'halo-profiles'") && p.contains("kept " + first.resolve("zz-halo.jar"))
                    && p.contains("ignored " + second.resolve("aa-halo.jar")), p);
            assertEquals(1, r.plugins().size());
            assertEquals(first.resolve("zz-halo.jar"), r.plugins().get(0).jar());
            assertEquals(List.of(first, second), r.folders());
            assertTrue(r.functions().containsKey("nfw"));
        }
    }

    @Test
    void aZipIsReportedAsNotLoaded(@TempDir Path dir) throws IOException {
        Path halo = haloJar();
        Files.copy(halo, dir.resolve("halo.zip"));
        try (PluginRegistry r = PluginRegistry.load(dir)) {
            assertEquals(1, r.problems().size(), r.problems()::toString);
            assertTrue(r.problems().get(0).contains("halo.zip") && r.problems().get(0).contains("*.jar"),
                    r.problems()::toString);
            assertTrue(r.functions().isEmpty(), r.functions()::toString);
        }
    }

    @Test
    void defaultFolderIsBesideTheCodeNotTheWorkingDirectory() {
        // in the build the CLI's classes are in target/classes, so the default is target/plugins
        assertEquals(Cli.pluginsDir(), PluginRegistry.defaultFolder());
    }
}
