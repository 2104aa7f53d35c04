package org.autoknots.cli;

import picocli.CommandLine;

/** Entry point of the {@code autoknots} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code ({@link ExitCodes}) without exiting. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** @return the configured command line: error reporting, exit codes */
    public static CommandLine commandLine() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        CommandLine cl = new CommandLine(new AutoknotsCommand());
        cl.setExecutionExceptionHandler(new ErrorReporter());
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("autoknots: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            c.getErr().flush();
            return ExitCodes.USAGE;
        });
        return cl;
    }
}
