package org.autoknots.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

/**
 * Writes files so that a reader never sees a half-written one: the content goes to a temporary
 * file in the same folder ({@code .name.tmp-…}), which is then moved over the target in one
 * atomic rename. A shutdown hook deletes temporary files still being written when the JVM stops
 * (Ctrl-C), so an interrupted run leaves the previous file or none, never a truncated table.
 *
 * <p>A whole output folder is written the same way through a {@link Staging} folder beside it
 * (same file system): the run writes into the staging folder, and {@link Staging#commit} swaps it
 * in place of the target (the old folder is moved aside, the staging folder renamed, the old one
 * deleted). A failed or interrupted run deletes the staging folder and leaves the target as it
 * was. The shutdown hook waits for a write or a swap in progress, then stops further writes.
 */
public final class AtomicFiles {

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();
    private static final Set<Staging> STAGING = ConcurrentHashMap.newKeySet();
    /** Writes and swaps hold the read lock; the shutdown hook takes the write lock. */
    private static final ReentrantReadWriteLock LOCK = new ReentrantReadWriteLock();
    private static volatile boolean stopping;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::onShutdown, "autoknots-atomic-files-cleanup"));
    }

    private static void onShutdown() {
        boolean locked = false;
        try {
            locked = LOCK.writeLock().tryLock(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            stopping = true;
            for (Path p : IN_FLIGHT) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort while the JVM stops
                }
            }
            for (Staging s : STAGING) {
                s.discard();
                System.err.println("autoknots: interrupted; nothing was written to " + s.target()
                        + (s.hadPrevious ? " (its earlier contents are left as they were)" : ""));
                System.err.flush();
            }
        } finally {
            if (locked) {
                LOCK.writeLock().unlock();
            }
        }
    }

    private static String random() {
        return Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
    }

    /**
     * An I/O error in words, for people: the file it concerns and what happened, without the
     * exception's class name (a {@link NoSuchFileException}'s own message is only the path).
     */
    static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            Path file = Path.of(f.getFile());
            String why;
            if (e instanceof NoSuchFileException) {
                why = "no such file or folder";
            } else if (e instanceof AccessDeniedException) {
                why = "permission denied";
            } else if (e instanceof FileAlreadyExistsException) {
                why = Files.exists(file) && !Files.isDirectory(file) ? "is a file, not a folder" : "already exists";
            } else if (e instanceof NotDirectoryException) {
                why = "is not a folder";
            } else if (e instanceof DirectoryNotEmptyException) {
                why = "is a folder that is not empty";
            } else {
                why = f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
            }
            return f.getFile() + (why.startsWith("is ") ? " " : ": ") + why;
        }
        return e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Deletes a folder and everything in it (best effort for what cannot be deleted). */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a leftover hidden folder is harmless
        }
    }

    /**
     * A run's output folder being written: {@link #folder()} is a hidden sibling of the target
     * ({@code .name.partial-…}); {@link #commit()} replaces the target by it, {@link #close()}
     * without a commit deletes it.
     */
    public static final class Staging implements AutoCloseable {
        private final Path target;
        private final Path folder;
        private final boolean hadPrevious;
        private volatile boolean done;

        private Staging(Path target, Path folder, boolean hadPrevious) {
            this.target = target;
            this.folder = folder;
            this.hadPrevious = hadPrevious;
        }

        /** @return the folder that the run writes into */
        public Path folder() {
            return folder;
        }

        /** @return the output folder that {@link #commit()} fills */
        public Path target() {
            return target;
        }

        /** @return whether the target held an earlier run's output */
        public boolean hadPrevious() {
            return hadPrevious;
        }

        /**
         * Replaces the target folder by the staging folder: files of an earlier run that this run
         * did not write are gone afterwards.
         *
         * @throws UncheckedIOException naming the folder when the swap fails (the target is then
         *         left as it was)
         */
        public void commit() {
            LOCK.readLock().lock();
            try {
                if (stopping) {
                    throw new UncheckedIOException(new IOException("interrupted"));
                }
                Path aside = null;
                try {
                    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                        aside = target.resolveSibling("." + target.getFileName() + ".old-" + random());
                        Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
                    }
                    try {
                        Files.move(folder, target, StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException e) {
                        if (aside != null) {
                            Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
                            aside = null;
                        }
                        throw e;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot move the finished output into " + target + ": " + reason(e), e);
                } finally {
                    if (aside != null) {
                        deleteTree(aside);
                    }
                }
                done = true;
                STAGING.remove(this);
            } finally {
                LOCK.readLock().unlock();
            }
        }

        private void discard() {
            if (!done) {
                done = true;
                deleteTree(folder);
            }
            STAGING.remove(this);
        }

        /** Deletes the staging folder unless committed. */
        @Override
        public void close() {
            discard();
        }
    }

    /** Files that operating systems leave in folders shown by a file browser; replacing them loses nothing. */
    private static final Set<String> OS_CLUTTER = Set.of(".DS_Store", "Thumbs.db", "desktop.ini");

    /**
     * Starts writing an output folder: checks the target and creates the staging folder beside it.
     * An existing target is replaced as a whole by {@link Staging#commit()}, so it may hold only
     * what an earlier run wrote: every entry must be one of the names {@code earlierRun} gives
     * for it (read from the earlier run's {@code summary.json}).
     *
     * @param target     the output folder (absolute)
     * @param earlierRun the files an earlier run wrote into a folder holding a {@code summary.json},
     *                   or null when that file is not a run's summary
     * @throws ErrorReporter.UsageException when the target is a file, holds the current directory,
     *         is a non-empty folder without an earlier run's {@code summary.json}, or holds
     *         anything that run did not write (it would be deleted)
     * @throws UncheckedIOException when the staging folder cannot be created
     */
    public static Staging staging(Path target, java.util.function.Function<Path, Set<String>> earlierRun) {
        Path t = target.toAbsolutePath().normalize();
        if (t.getParent() == null) {
            throw new ErrorReporter.UsageException("output folder " + t + ": the root folder cannot be an output folder");
        }
        boolean previous = false;
        if (Files.exists(t)) {
            if (!Files.isDirectory(t)) {
                throw new ErrorReporter.UsageException("output folder " + t + " is an existing file; give a folder");
            }
            Path cwd = Path.of("").toAbsolutePath().normalize();
            if (cwd.startsWith(t)) {
                throw new ErrorReporter.UsageException("output folder " + t + " holds the current directory; a run replaces"
                        + " its output folder as a whole, so give a folder of its own (e.g. --out out/run)");
            }
            try (Stream<Path> list = Files.list(t)) {
                List<Path> entries = list.sorted().toList();
                previous = !entries.isEmpty();
                if (previous) {
                    if (!Files.isRegularFile(t.resolve("summary.json"))) {
                        throw new ErrorReporter.UsageException("output folder " + t + " is not empty and holds no summary.json"
                                + " of an earlier run; a run replaces its output folder as a whole, so give a new or empty folder");
                    }
                    Set<String> ours = earlierRun.apply(t);
                    if (ours == null) {
                        throw new ErrorReporter.UsageException("output folder " + t + " holds a summary.json that is not an"
                                + " autoknots run's; a run replaces its output folder as a whole, so give a new or empty folder");
                    }
                    List<String> foreign = new java.util.ArrayList<>();
                    for (Path e : entries) {
                        String name = e.getFileName().toString();
                        boolean folder = Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS);
                        if (folder || !(ours.contains(name) || OS_CLUTTER.contains(name))) {
                            foreign.add(name + (folder ? "/" : ""));
                        }
                    }
                    if (!foreign.isEmpty()) {
                        boolean one = foreign.size() == 1;
                        throw new ErrorReporter.UsageException("output folder " + t + " holds "
                                + String.join(", ", foreign.subList(0, Math.min(3, foreign.size())))
                                + (foreign.size() > 3 ? " and " + (foreign.size() - 3) + " more" : "")
                                + ", which the earlier run there did not write (its summary.json does not list "
                                + (one ? "it" : "them") + "); a run replaces its output folder as a whole, so move "
                                + (one ? "it" : "them") + " elsewhere or give another folder");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the output folder " + t + ": " + reason(e), e);
            }
        }
        Path folder = t.resolveSibling("." + t.getFileName() + ".partial-" + random());
        LOCK.readLock().lock();
        try {
            if (stopping) {
                throw new UncheckedIOException(new IOException("interrupted"));
            }
            Files.createDirectories(t.getParent());
            Files.createDirectory(folder);
            Staging s = new Staging(t, folder, previous);
            STAGING.add(s);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output folder beside " + t + ": " + reason(e), e);
        } finally {
            LOCK.readLock().unlock();
        }
    }

    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} atomically, creating its folder if needed.
     *
     * @throws UncheckedIOException naming the file when writing fails
     */
    public static void write(Path target, Content content) {
        writeAll(java.util.Map.of(target, content));
    }

    /**
     * Writes several files as a group: every content goes to its temporary file first, then all
     * are renamed into place. A failure while writing leaves every target as it was; Ctrl-C
     * waits for the renames (the shutdown hook takes the lock they hold).
     *
     * @param files targets and their contents, written in the map's order
     * @throws UncheckedIOException naming the file when writing fails
     */
    public static void writeAll(java.util.Map<Path, Content> files) {
        java.util.Map<Path, Path> tmps = new java.util.LinkedHashMap<>();
        Path current = null;
        LOCK.readLock().lock();
        try {
            if (stopping) {
                throw new IOException("interrupted");
            }
            for (java.util.Map.Entry<Path, Content> e : files.entrySet()) {
                current = e.getKey();
                Path dir = current.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Path tmp = dir.resolve("." + current.getFileName() + ".tmp-" + random());
                IN_FLIGHT.add(tmp);
                tmps.put(current, tmp);
                try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    e.getValue().writeTo(out);
                }
            }
            for (java.util.Map.Entry<Path, Path> e : tmps.entrySet()) {
                current = e.getKey();
                try {
                    Files.move(e.getValue(), current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException x) {
                    Files.move(e.getValue(), current, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + (current != null ? current : files.keySet()) + ": "
                    + reason(e), e);
        } finally {
            for (Path tmp : tmps.values()) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // already reported through the main exception, if any
                }
                IN_FLIGHT.remove(tmp);
            }
            LOCK.readLock().unlock();
        }
    }

    /** Writes bytes atomically. */
    public static void write(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /** Writes UTF-8 text atomically. */
    public static void writeString(Path target, String text) {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }
}
