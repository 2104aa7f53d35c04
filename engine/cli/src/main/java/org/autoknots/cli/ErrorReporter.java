package org.autoknots.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.autoknots.config.ConfigException;
import picocli.CommandLine;

/**
 * The single path by which the command reports a failure: one line per problem on stderr,
 * prefixed {@code autoknots: }, without a stack trace unless {@code --debug} is given; it also
 * picks the exit code ({@link ExitCodes}).
 */
public final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    private static volatile boolean debug;

    /** Turns stack traces on (set by {@code --debug}). */
    public static void debug(boolean on) {
        debug = on;
    }

    /** @return whether {@code --debug} was given */
    public static boolean debug() {
        return debug;
    }

    /**
     * Reports {@code t} and returns the exit code for it.
     */
    public static int report(Throwable t, PrintWriter err) {
        if (AtomicFiles.stopping()) {
            // interrupted: the shutdown hook says so; what fails after it (a write refused) is no news
            return ExitCodes.INTERRUPTED;
        }
        Throwable root = unwrap(t);
        int code;
        if (root instanceof ConfigException c) {
            err.println("autoknots: " + c.problems().size() + " problem" + (c.problems().size() == 1 ? "" : "s")
                    + " in the pipeline file:");
            c.problems().forEach(p -> err.println(p.toString()));
            code = ExitCodes.CONFIGURATION;
        } else if (root instanceof OutOfMemoryError) {
            if (firstOutOfMemory()) {
                err.println("autoknots: error: " + outOfMemory(0, "max-knots"));
            }
            code = ExitCodes.FAILURE;
        } else if (root instanceof UsageException u) {
            err.println("autoknots: " + u.getMessage().replaceAll("\\s*\\R\\s*", " "));
            code = ExitCodes.USAGE;
        } else {
            String msg = root.getMessage();
            if (msg == null || msg.isBlank()) {
                msg = root.getClass().getSimpleName();
            } else if (!(root instanceof IllegalArgumentException || root instanceof UncheckedIOException
                    || root instanceof IllegalStateException || root.getClass().getName().startsWith("org.autoknots"))) {
                msg = root.getClass().getSimpleName() + ": " + msg;
            }
            err.println("autoknots: error: " + msg.replaceAll("\\s*\\R\\s*", " "));
            code = ExitCodes.FAILURE;
        }
        if (debug) {
            t.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static final java.util.concurrent.atomic.AtomicBoolean OUT_OF_MEMORY_SAID =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * @return true the first time in this process: running out of heap is said once, even when
     *         the command's thread and a worker thread (evaluating f, building a spline) both hit it
     */
    public static boolean firstOutOfMemory() {
        return OUT_OF_MEMORY_SAID.compareAndSet(false, true);
    }

    /**
     * The one line for running out of heap.
     *
     * @param knots  the knots of the last finished pass (0 if none finished)
     * @param option the knot limit's name as the user spells it
     */
    public static String outOfMemory(long knots, String option) {
        long maxMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        return "out of memory" + (knots > 0 ? " at about " + knots + " knots" : "") + " (Java heap " + maxMb
                + " MB); lower " + option + " or give Java more heap: AUTOKNOTS_JAVA_OPTS=-Xmx" + Math.max(2, 2 * maxMb / 1024)
                + "g ./autoknots ...";
    }

    private static Throwable unwrap(Throwable t) {
        Throwable r = t;
        while ((r instanceof java.util.concurrent.CompletionException || r instanceof java.util.concurrent.ExecutionException
                || r.getClass().getName().equals("reactor.core.Exceptions$ReactiveException"))
                && r.getCause() != null) {
            r = r.getCause();
        }
        return r;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        return report(ex, cmd.getErr());
    }

    /** A usage problem detected after parsing (e.g. a missing plugins folder): exit code 2. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
