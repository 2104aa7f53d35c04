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
            // one line: what was wrong, and where the valid options are listed
            c.getErr().println("autoknots: " + ex.getMessage() + " (see '" + c.getCommandSpec().qualifiedName()
                    + " --help')");
            c.getErr().flush();
            return ExitCodes.USAGE;
        });
        return cl;
    }
}
