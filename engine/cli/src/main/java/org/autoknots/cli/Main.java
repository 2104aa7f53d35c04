package org.autoknots.cli;

import picocli.CommandLine;

/** Entry point of the {@code autoknots} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // an error on a worker thread (e.g. out of memory while evaluating) ends the command with one line
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            if (e instanceof OutOfMemoryError) {
                if (ErrorReporter.firstOutOfMemory()) {
                    System.err.println("autoknots: error: " + ErrorReporter.outOfMemory(0, "max-knots"));
                }
            } else {
                System.err.println("autoknots: error: " + e.getClass().getSimpleName() + " on thread " + t.getName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
            System.err.flush();
            AtomicFiles.exiting();
            System.exit(ExitCodes.FAILURE);
        });
        int code = execute(args);
        AtomicFiles.exiting();
        System.exit(code);
    }

    /** Runs the command line and returns the exit code ({@link ExitCodes}) without exiting. */
    public static int execute(String... args) {
        CommandLine cl = commandLine();
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            return ErrorReporter.report(e, cl.getErr());
        }
    }

    /**
     * @param text a whole number, written as an integer or in exponent form (1e6)
     * @return its value
     * @throws CommandLine.TypeConversionException saying what was expected
     */
    static Integer wholeNumber(String text) {
        String t = text.trim();
        try {
            return Integer.valueOf(t);
        } catch (NumberFormatException notPlain) {
            double v;
            try {
                v = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + text + "' is not a whole number (e.g. 1000000 or 1e6)");
            }
            if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                throw new CommandLine.TypeConversionException("'" + text + "' is not a whole number from "
                        + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + " (e.g. 1000000 or 1e6)");
            }
            return (int) v;
        }
    }

    /** @return the configured command line: error reporting, exit codes */
    public static CommandLine commandLine() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // before anything logs through slf4j (reactor, PF4J): off unless --debug
        PluginLog.quiet();
        // Ctrl-C may come at any moment: the hook that cleans up and says so is in place first
        AtomicFiles.install();
        CommandLine cl = new CommandLine(new AutoknotsCommand());
        // whole numbers as a pipeline accepts them (1e6, 1.5e6 as well as 1000000)
        cl.registerConverter(Integer.class, Main::wholeNumber);
        cl.registerConverter(Integer.TYPE, Main::wholeNumber);
        cl.setExecutionExceptionHandler(new ErrorReporter());
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            if (ex instanceof CommandLine.UnmatchedArgumentException u && c == cl && !u.getUnmatched().isEmpty()
                    && args.length > 0 && u.getUnmatched().get(0).equals(args[0]) && !args[0].startsWith("-")) {
                c.getErr().println("autoknots: unknown command '" + args[0] + "'; valid commands: "
                        + String.join(", ", c.getSubcommands().keySet()) + " (see 'autoknots --help')");
                c.getErr().flush();
                return ExitCodes.USAGE;
            }
            // one line: what was wrong, and where the valid options are listed (picocli's own "Error: " prefix dropped)
            c.getErr().println("autoknots: " + String.valueOf(ex.getMessage()).replaceFirst("^Error: ", "") + " (see '"
                    + c.getCommandSpec().qualifiedName() + " --help')");
            c.getErr().flush();
            return ExitCodes.USAGE;
        });
        return cl;
    }
}
