package org.autoknots.refine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.autoknots.api.RealFunction;

/**
 * Evaluates f at many points with at most {@code concurrency} calls running at once. Results
 * go into an array by index, so they do not depend on the concurrency or the scheduling.
 * The calling thread is one of the workers; the others run on a shared pool of daemon threads.
 */
final class ParallelEvaluator {

    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "autoknots-eval");
        t.setDaemon(true);
        return t;
    });

    /**
     * Throws what a helper thread's task threw, as it was (a checked one wrapped); declared to
     * return so that callers can write {@code throw rethrow(cause)}.
     */
    static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(cause);
    }

    /** @return the shared pool of daemon threads (also used by the engine's own helper work) */
    static ExecutorService pool() {
        return POOL;
    }

    /**
     * Batches expected (from the time per call so far) to take less than this are evaluated on
     * the calling thread alone: waking a second thread costs tens of microseconds.
     */
    private static final double SERIAL_BELOW_NANOS = 200_000;

    /** Longest run of points one worker takes at a time. */
    private static final int MAX_CHUNK = 4096;

    private final RealFunction f;
    private final int concurrency;
    private final AtomicLong functionNanos = new AtomicLong();
    /** points evaluated so far (by the calling thread's batches; read and written by it only) */
    private long calls;

    ParallelEvaluator(RealFunction f, int concurrency) {
        this.f = f;
        this.concurrency = concurrency;
    }

    /**
     * @return time spent evaluating f so far, summed over threads: each evaluating loop is timed
     *         as a whole (f plus a few nanoseconds of loop and finiteness check per call)
     */
    long functionNanos() {
        return functionNanos.get();
    }

    /**
     * @return f at every point
     * @throws FunctionEvaluationException for the lowest-index point seen where f was not finite
     * @throws RuntimeException            whatever f threw (lowest index seen)
     */
    double[] evaluate(double[] xs) {
        int n = xs.length;
        double[] out = new double[n];
        int workers = Math.min(concurrency, n);
        long c = calls;
        calls = c + n;
        if (workers > 1 && c > 0 && (double) functionNanos.get() / c * n < SERIAL_BELOW_NANOS) {
            // f is cheap and the batch short: handing points to another thread would cost more
            workers = 1;
        }
        if (workers <= 1) {
            // one thread: the loop is timed as a whole (two clock reads per pass, not per call: a
            // clock read costs about as much as a cheap f), one atomic update per batch
            long t0 = System.nanoTime();
            try {
                for (int i = 0; i < n; i++) {
                    double xi = xs[i];
                    out[i] = finite(xi, f.value(xi));
                }
            } finally {
                functionNanos.addAndGet(System.nanoTime() - t0);
            }
            return out;
        }
        AtomicInteger next = new AtomicInteger();
        // points are handed out in runs: one shared counter update per run, not per point (for a
        // cheap f the contended update would cost more than f), runs short enough (1/32 of a
        // worker's share) that an expensive f still keeps every worker busy to the end
        int chunk = Math.max(1, Math.min(MAX_CHUNK, n / (workers * 32)));
        Failure failure = new Failure();
        CountDownLatch done = new CountDownLatch(workers - 1);
        Runnable work = () -> {
            // each worker times its whole loop (the index hand-out costs nanoseconds; a clock read
            // per call would cost as much as a cheap f)
            long t0 = System.nanoTime();
            try {
                while (!failure.seen()) {
                    int start = next.getAndAdd(chunk);
                    if (start >= n) {
                        return;
                    }
                    int end = Math.min(n, start + chunk);
                    for (int i = start; i < end && !failure.seen(); i++) {
                        try {
                            out[i] = finite(xs[i], f.value(xs[i]));
                        } catch (RuntimeException | Error e) {
                            failure.record(i, e);
                        }
                    }
                }
            } finally {
                functionNanos.addAndGet(System.nanoTime() - t0);
            }
        };
        for (int w = 1; w < workers; w++) {
            POOL.execute(() -> {
                try {
                    work.run();
                } finally {
                    done.countDown();
                }
            });
        }
        work.run();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating f", e);
        }
        failure.rethrow();
        return out;
    }

    private static double finite(double x, double v) {
        if (!Double.isFinite(v)) {
            throw new FunctionEvaluationException(x, v);
        }
        return v;
    }

    /** The failure with the lowest index seen. */
    private static final class Failure {
        private volatile boolean seen;
        private int index = Integer.MAX_VALUE;
        private Throwable error;

        boolean seen() {
            return seen;
        }

        synchronized void record(int i, Throwable e) {
            if (i < index) {
                index = i;
                error = e;
            }
            seen = true;
        }

        synchronized void rethrow() {
            if (error instanceof RuntimeException r) {
                throw r;
            }
            if (error instanceof Error e) {
                throw e;
            }
        }
    }
}
