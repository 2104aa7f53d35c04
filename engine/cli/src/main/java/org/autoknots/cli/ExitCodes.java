package org.autoknots.cli;

/** The exit codes of the {@code autoknots} command. */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;
    /** Any failure not covered by the other codes (a function failing, an I/O error, a bug). */
    public static final int FAILURE = 1;
    /** Bad command line: unknown option, missing argument. */
    public static final int USAGE = 2;
    /** The pipeline file has problems (reported together, before anything runs). */
    public static final int CONFIGURATION = 3;
    /** The pipeline ran and a validate stage failed its threshold. */
    public static final int VALIDATION_FAILED = 4;

    /**
     * Interrupted (Ctrl-C, SIGINT): 128 + 2, as a shell reports a process that a signal ended
     * (the JVM's own exit status on SIGINT; 143 on SIGTERM).
     */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
