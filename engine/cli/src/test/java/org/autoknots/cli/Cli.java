package org.autoknots.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs the command in-process and captures its output; locates the built plugins and pipelines. */
final class Cli {

    /** What a command printed and returned. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    /** The plugin JARs the build copied (never the test class path). */
    static Path pluginsDir() {
        return Path.of(System.getProperty("autoknots.test.plugins", "target/plugins")).toAbsolutePath().normalize();
    }

    /** The repository's pipelines folder. */
    static Path pipelines() {
        return Path.of(System.getProperty("autoknots.test.pipelines", "../../pipelines")).toAbsolutePath().normalize();
    }

    static Result run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        ErrorReporter.debug(false);
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs with {@code --plugins-dir} set to the built plugins, appended after the subcommand's args. */
    static Result withPlugins(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        a.add("--plugins-dir");
        a.add(pluginsDir().toString());
        return run(a.toArray(String[]::new));
    }

    static JsonNode json(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a two-column CSV table written by the run: [0] abscissae, [1] values; checks the header. */
    static double[][] table(Path csv, String header) {
        try {
            List<String> lines = Files.readAllLines(csv);
            if (!lines.get(0).equals(header)) {
                throw new AssertionError(csv + ": header " + lines.get(0) + ", expected " + header);
            }
            double[][] t = new double[2][lines.size() - 1];
            for (int i = 1; i < lines.size(); i++) {
                String[] c = lines.get(i).split(",");
                t[0][i - 1] = Double.parseDouble(c[0]);
                t[1][i - 1] = Double.parseDouble(c[1]);
            }
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, text);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
