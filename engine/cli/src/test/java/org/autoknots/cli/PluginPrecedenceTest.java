package org.autoknots.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.autoknots.api.Spline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who keeps a function or spline kind id that two plugins offer: the first in load order (the
 * engine's own spline kinds, the bundled folder, then the user's folders in the order given, each
 * folder's JARs by file name), whatever the plugin ids. A user's plugin never replaces a bundled
 * function or spline kind.
 */
class PluginPrecedenceTest {

    /** A user's folder with a JAR offering nfw (twice NFW) and one offering akima (every slope 0). */
    private static void fakes(Path dir, String functionPlugin, String splinePlugin) {
        TestPlugins.jar(dir.resolve(functionPlugin + ".jar"), functionPlugin,
                Map.of("org.fake.Nfw", TestPlugins.nfwLike("org.fake", "Nfw", "nfw", 2.0)), List.of("org.fake.Nfw"));
        TestPlugins.jar(dir.resolve(splinePlugin + ".jar"), splinePlugin,
                Map.of("org.fake.Akima", TestPlugins.constantSlopes("org.fake", "Akima", "akima", "0.0")),
                List.of("org.fake.Akima"));
    }

    private static Path bundled(String prefix) throws IOException {
        try (var s = Files.list(Cli.pluginsDir())) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
    }

    /** "aaa-…" sorts before every bundled plugin id, "zzz-…" after: the ids must not matter. */
    @ParameterizedTest
    @ValueSource(strings = {"aaa", "zzz"})
    void aUsersPluginNeverReplacesABundledFunctionOrSplineKind(String prefix, @TempDir Path dir) throws IOException {
        fakes(dir, prefix + "-fake", prefix + "-spline");
        try (PluginRegistry r = PluginRegistry.load(List.of(Cli.pluginsDir(), dir))) {
            assertEquals("halo-profiles", r.source("nfw"));
            // NFW: ρ(r_s) = ρ_s / 4; the fake would give ρ_s / 2
            assertEquals(0.25, r.bind("nfw", Map.of("rho_s", 1.0, "r_s", 1.0)).value(1.0), 1e-15);
            assertEquals("spline-kinds", r.splineKindSource("akima"));
            // Akima reproduces a straight line; the fake (slopes 0) does not
            Spline s = r.splineKind("akima").build(new double[] {0, 1, 2, 3}, new double[] {0, 1, 2, 3});
            assertEquals(0.5, s.value(0.5), 1e-15);

            String halo = bundled("autoknots-plugin-halo-profiles").toString();
            String kinds = bundled("autoknots-plugin-spline-kinds").toString();
            assertEquals(List.of(
                    "plugin '" + prefix + "-fake' (" + dir.resolve(prefix + "-fake.jar") + ") provides function 'nfw', which"
                            + " the bundled plugin 'halo-profiles' (" + halo + "), loaded before it, already provides: that"
                            + " one is kept, this one is ignored; give the function another id",
                    "plugin '" + prefix + "-spline' (" + dir.resolve(prefix + "-spline.jar") + ") provides spline kind"
                            + " 'akima', which the bundled plugin 'spline-kinds' (" + kinds + "), loaded before it, already"
                            + " provides: that one is kept, this one is ignored; give the spline kind another id"),
                    r.problems());
        }
    }

    @Test
    void betweenUsersPluginsTheEarlierFolderThenTheEarlierFileNameWins(@TempDir Path dir) throws IOException {
        Path first = Files.createDirectory(dir.resolve("first"));
        Path second = Files.createDirectory(dir.resolve("second"));
        // plugin ids in the opposite order of the folders and of the file names
        TestPlugins.jar(first.resolve("b.jar"), "zzz-first", Map.of("org.a.F", TestPlugins.nfwLike("org.a", "F", "twice", 1.0)),
                List.of("org.a.F"));
        TestPlugins.jar(first.resolve("c.jar"), "mmm-third", Map.of("org.c.F", TestPlugins.nfwLike("org.c", "F", "twice", 3.0)),
                List.of("org.c.F"));
        TestPlugins.jar(second.resolve("a.jar"), "aaa-second", Map.of("org.b.F", TestPlugins.nfwLike("org.b", "F", "twice", 2.0)),
                List.of("org.b.F"));
        try (PluginRegistry r = PluginRegistry.load(List.of(Cli.pluginsDir(), first, second))) {
            assertEquals("zzz-first", r.source("twice"));
            assertEquals(0.25, r.bind("twice", Map.of("rho_s", 1.0, "r_s", 1.0)).value(1.0), 1e-15);
            assertEquals(List.of(
                    "plugin 'mmm-third' (" + first.resolve("c.jar") + ") provides function 'twice', which plugin 'zzz-first' ("
                            + first.resolve("b.jar") + "), loaded before it, already provides: that one is kept, this one is"
                            + " ignored; give the function another id",
                    "plugin 'aaa-second' (" + second.resolve("a.jar") + ") provides function 'twice', which plugin 'zzz-first' ("
                            + first.resolve("b.jar") + "), loaded before it, already provides: that one is kept, this one is"
                            + " ignored; give the function another id"),
                    r.problems());
            assertEquals(List.of("zzz-first", "mmm-third", "aaa-second"),
                    r.plugins().stream().map(PluginRegistry.Plugin::id)
                            .filter(List.of("zzz-first", "mmm-third", "aaa-second")::contains).toList(), "plugins() in load order");
        }
    }

    /** The command: the bundled nfw's numbers, one warning line naming the user's JAR and the bundled plugin. */
    @Test
    void tabulateUsesTheBundledNfwAndWarnsOnce(@TempDir Path dir) throws IOException {
        Path user = Files.createDirectory(dir.resolve("user"));
        fakes(user, "aaa-fake", "aaa-spline");
        Path out = dir.resolve("t.csv");
        Cli.Result r = Cli.run("tabulate", "--function", "nfw", "--param", "rho_s=1", "--param", "r_s=1", "--range", "1:2",
                "--spline", "akima", "--out", out.toString(), "--progress", "none", "--plugins-dir", user.toString());
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        double[][] t = Cli.table(out, "x,value");
        assertEquals(1.0, t[0][0]);
        assertEquals(0.25, t[1][0], 1e-15);
        List<String> warnings = r.err().lines().filter(l -> l.startsWith("autoknots: warning: plugin")).toList();
        assertEquals(2, warnings.size(), r::toString);
        String jar = user.toRealPath().resolve("aaa-fake.jar").toString();
        assertTrue(warnings.get(0).contains("plugin 'aaa-fake' (" + jar + ") provides function 'nfw', which the bundled"
                + " plugin 'halo-profiles' ("), r::toString);
        assertTrue(warnings.get(1).contains("'aaa-spline'") && warnings.get(1).contains("'spline-kinds'"), r::toString);

        Cli.Result listed = Cli.run("plugins", "--plugins-dir", user.toString());
        assertTrue(listed.out().contains("  nfw  [plugin halo-profiles]"), listed::toString);
        assertTrue(listed.out().contains("  akima  [plugin spline-kinds]"), listed::toString);
    }
}
