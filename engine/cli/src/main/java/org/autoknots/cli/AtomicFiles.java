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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
 * was. While a staging folder exists, the run holds a lock on {@code .name.lock} beside the
 * target, so a second run into the same folder fails at once, and hidden folders of that target
 * found while holding the lock are left by a run that was killed: they are removed.
 *
 * <p>The shutdown hook waits for a write or a swap in progress, then stops further writes and
 * runs what the command registered with {@link #onInterrupt} (its one line, its closing event).
 */
public final class AtomicFiles {

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();
    private static final Set<Staging> STAGING = ConcurrentHashMap.newKeySet();
    private static final List<Runnable> ON_INTERRUPT = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Writes and swaps hold the read lock; the shutdown hook takes the write lock. */
    private static final ReentrantReadWriteLock LOCK = new ReentrantReadWriteLock();
    private static volatile boolean stopping;
    private static volatile boolean exiting;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::onShutdown, "autoknots-atomic-files-cleanup"));
    }

    /** Makes sure the shutdown hook is in place (before a command starts: Ctrl-C may come at any time). */
    static void install() {
        // the static initialiser registers the hook
    }

    /**
     * The command is ending by itself ({@code System.exit}): the shutdown hook still deletes
     * what is unfinished, but says the run failed rather than that it was interrupted, and runs no
     * {@link #onInterrupt} action.
     */
    static void exiting() {
        exiting = true;
    }

    /** @return whether the JVM is stopping (Ctrl-C): writes are refused, and nothing more is reported */
    static boolean stopping() {
        return stopping;
    }

    /**
     * Registers what the command does when it is interrupted (Ctrl-C, SIGTERM): say so in one
     * line, end an event stream. Runs in the shutdown hook, after unfinished files and staging
     * folders are deleted.
     *
     * @return a handle that removes the action (when the command ends)
     */
    static Registration onInterrupt(Runnable action) {
        ON_INTERRUPT.add(action);
        return () -> ON_INTERRUPT.remove(action);
    }

    /** An {@link #onInterrupt} action's registration; closing it removes the action. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
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
            List<Staging> unfinished = List.copyOf(STAGING);
            for (Staging s : unfinished) {
                s.discard();
            }
            if (exiting || ON_INTERRUPT.isEmpty()) {
                for (Staging s : unfinished) {
                    System.err.println("autoknots: " + (exiting ? "the run failed" : "interrupted") + "; nothing was written to "
                            + s.target() + (s.hadPrevious ? " (its earlier contents are left as they were)" : ""));
                }
                System.err.flush();
            } else {
                for (Runnable r : ON_INTERRUPT) {
                    try {
                        r.run();
                    } catch (RuntimeException ignored) {
                        // best effort while the JVM stops
                    }
                }
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

    /**
     * Deletes a folder and everything in it, as far as it can (symbolic links are deleted, not
     * followed).
     *
     * @return null when all is gone, else the first error (what remains is left as it is)
     */
    static IOException deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        IOException first = null;
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            return e;
        } catch (UncheckedIOException e) {
            return e.getCause();
        }
        for (Path p : all) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        return first;
    }

    /**
     * The lock of one output folder: {@code .name.lock} beside it, locked with
     * {@link FileChannel#tryLock()} (released by the operating system when the process ends,
     * however it ends), holding the process id of its owner. The file is deleted when the run
     * ends. A run may open the file just before the run holding it deletes it, and then lock a
     * file that is no longer at the path: the lock counts only when the path leads to the same
     * file (its file key) before the file was opened and after it was locked. The file is never
     * opened a second time by the process holding the lock, since closing any descriptor of a
     * file releases the process's POSIX locks on it.
     */
    static final class OutputLock {
        /** The lock files this process holds (a second command in one JVM, as in tests, must not touch them). */
        private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

        private final Path file;
        private final FileChannel channel;
        private final FileLock lock;
        private boolean released;

        private OutputLock(Path file, FileChannel channel, FileLock lock) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
        }

        /** @return the lock file of {@code target} */
        static Path file(Path target) {
            return target.resolveSibling("." + target.getFileName() + ".lock");
        }

        /**
         * @throws ErrorReporter.UsageException when another run holds the lock
         * @throws IOException when the lock file cannot be created
         */
        static OutputLock acquire(Path target) throws IOException {
            Path file = file(target);
            if (HELD.contains(file)) {
                throw busy(target, Long.toString(ProcessHandle.current().pid()));
            }
            for (int attempt = 0; attempt < 100; attempt++) {
                try {
                    Files.createFile(file);
                } catch (FileAlreadyExistsException e) {
                    // an earlier run's, or another run's: the lock tells
                }
                Object before = key(file);
                FileChannel ch;
                try {
                    ch = FileChannel.open(file, StandardOpenOption.WRITE);
                } catch (NoSuchFileException e) {
                    continue; // deleted by a run that has just ended
                }
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    ch.close();
                    throw busy(target, Long.toString(ProcessHandle.current().pid()));
                } catch (IOException | RuntimeException e) {
                    ch.close();
                    throw e;
                }
                if (l == null) {
                    ch.close();
                    throw busy(target, ownerOf(file));
                }
                Object after = key(file);
                if (after != null && after.equals(before) || before == null && after == null && Files.exists(file)) {
                    ch.truncate(0);
                    ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                    HELD.add(file);
                    return new OutputLock(file, ch, l);
                }
                // the file locked is not the one at the path any more: try the one there now
                l.release();
                ch.close();
            }
            throw busy(target, ownerOf(file));
        }

        /** @return the file's key (device and inode), or null if it is missing or the file system has none */
        private static Object key(Path file) {
            try {
                return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            } catch (IOException e) {
                return null;
            }
        }

        /** @return the process id the lock file holds, or null (read by a process that holds no lock on it) */
        private static String ownerOf(Path file) {
            try {
                String s = Files.readString(file, StandardCharsets.UTF_8).trim();
                return s.matches("\\d+") ? s : null;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        private static ErrorReporter.UsageException busy(Path target, String pid) {
            return new ErrorReporter.UsageException("output folder " + target + " is being written by another run"
                    + (pid != null ? " (process " + pid + ")" : "") + "; wait until it ends, or give another folder");
        }

        /** Deletes the lock file, then releases the lock. */
        synchronized void release() {
            if (released) {
                return;
            }
            released = true;
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // an empty lock file left behind is reused by the next run
            }
            try {
                lock.release();
                channel.close();
            } catch (IOException ignored) {
                // closing the channel releases the lock in any case
            }
            HELD.remove(file);
        }
    }

    /**
     * A run's output folder being written: {@link #folder()} is a hidden sibling of the target
     * ({@code .name.partial-…}); {@link #commit()} replaces the target by it, {@link #close()}
     * without a commit deletes it. Either way the output folder's lock is released.
     */
    public static final class Staging implements AutoCloseable {
        private final Path target;
        private final Path folder;
        private final boolean hadPrevious;
        private final OutputLock lock;
        private final List<String> notes;
        private final java.util.function.Function<Path, Set<String>> earlierRun;
        private volatile boolean done;
        private volatile boolean committed;

        private Staging(Path target, Path folder, boolean hadPrevious, OutputLock lock, List<String> notes,
                java.util.function.Function<Path, Set<String>> earlierRun) {
            this.earlierRun = earlierRun;
            this.target = target;
            this.folder = folder;
            this.hadPrevious = hadPrevious;
            this.lock = lock;
            this.notes = List.copyOf(notes);
        }

        /** @return the folder that the run writes into */
        public Path folder() {
            return folder;
        }

        /** @return the output folder that {@link #commit()} fills (where a symbolic link given as the output leads) */
        public Path target() {
            return target;
        }

        /** @return whether the target held an earlier run's output */
        public boolean hadPrevious() {
            return hadPrevious;
        }

        /**
         * @return one line each (without the {@code autoknots: } prefix) about the hidden folders of
         *         killed runs into the same target that were removed, or could not be
         */
        public List<String> notes() {
            return notes;
        }

        /** @return whether {@link #commit()} has put the output in place */
        public boolean committed() {
            return committed;
        }

        /**
         * Replaces the target folder by the staging folder: files of an earlier run that this run
         * did not write are gone afterwards (the earlier folder is deleted once the new one is in
         * place).
         *
         * @return a warning (without the {@code autoknots: } prefix) when the earlier folder could
         *         not be deleted after the swap, naming where it was left
         * @throws UncheckedIOException naming the folder when the swap fails (the target is then
         *         left as it was), or when the target changed during the run: something this run
         *         would delete appeared in it (a user's file, another run's output in a folder
         *         inside it). The target is then left as it is, and this run's output is kept beside
         *         it under a name the message gives.
         */
        public Optional<String> commit() {
            Path aside = null;
            LOCK.readLock().lock();
            try {
                if (stopping) {
                    throw new UncheckedIOException(new IOException("interrupted"));
                }
                // the check made at the start, again: what appeared since must not be deleted by the swap
                try {
                    checkEarlierRun(target, earlierRun);
                } catch (ErrorReporter.UsageException changed) {
                    Path kept = target.resolveSibling(target.getFileName() + ".new-" + random());
                    try {
                        Files.move(folder, kept, StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException e) {
                        throw new UncheckedIOException("the output folder " + target + " changed during the run, and this"
                                + " run's output could not be kept beside it: " + reason(e), e);
                    }
                    done = true;
                    STAGING.remove(this);
                    lock.release();
                    String what = changed.getMessage().replaceFirst("^output folder \\S+ ", "").replaceFirst(";.*$", "");
                    throw new UncheckedIOException("the output folder " + target + " changed during the run (now it "
                            + what + "): it was left as it is, and this run's output is in " + kept + " instead",
                            new IOException(changed.getMessage()));
                }
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
                }
                done = true;
                committed = true;
                STAGING.remove(this);
            } finally {
                LOCK.readLock().unlock();
            }
            IOException left = aside == null ? null : deleteTree(aside);
            lock.release();
            if (left == null) {
                return Optional.empty();
            }
            return Optional.of("warning: the earlier output of " + target + " was moved aside to " + aside
                    + " and could not be deleted (" + reason(left) + "); delete it yourself (the next run into "
                    + target.getFileName() + " tries again)");
        }

        private void discard() {
            if (!done) {
                done = true;
                deleteTree(folder);
            }
            STAGING.remove(this);
            lock.release();
        }

        /** Deletes the staging folder unless committed, and releases the output folder's lock. */
        @Override
        public void close() {
            discard();
        }
    }

    /** Files that operating systems leave in folders shown by a file browser; replacing them loses nothing. */
    private static final Set<String> OS_CLUTTER = Set.of(".DS_Store", "Thumbs.db", "desktop.ini");

    /**
     * Starts writing an output folder: takes the folder's lock, checks the target, removes the
     * hidden folders that killed runs into it left beside it, and creates the staging folder
     * beside it. An existing target is replaced as a whole by {@link Staging#commit()}, so it may
     * hold only what an earlier run wrote: every entry must be one of the names
     * {@code earlierRun} gives for it (read from the earlier run's {@code summary.json}). A
     * target that is a symbolic link is followed: the folder it leads to is replaced, the link
     * stays.
     *
     * @param target     the output folder (absolute)
     * @param earlierRun the files an earlier run wrote into a folder holding a {@code summary.json},
     *                   or null when that file is not a run's summary
     * @throws ErrorReporter.UsageException when the target is a file, is or holds the current
     *         directory, is a non-empty folder without an earlier run's {@code summary.json},
     *         holds anything that run did not write (it would be deleted), or another run is
     *         writing it
     * @throws UncheckedIOException when the staging folder cannot be created
     */
    public static Staging staging(Path target, java.util.function.Function<Path, Set<String>> earlierRun) {
        Path given = target.toAbsolutePath().normalize();
        Path t = org.autoknots.config.OutputPaths.resolveLink(given);
        if (t == null) {
            throw new ErrorReporter.UsageException("output folder " + given + " is a symbolic link that leads to itself"
                    + " (a loop); give a folder");
        }
        if (t.getParent() == null) {
            throw new ErrorReporter.UsageException("output folder " + t + ": the root folder cannot be an output folder");
        }
        if (Files.exists(t) && !Files.isDirectory(t)) {
            throw new ErrorReporter.UsageException("output folder " + t + " is an existing file; give a folder");
        }
        if (Files.exists(t)) {
            Path cwd = Path.of("").toAbsolutePath().normalize();
            Path real = t;
            try {
                cwd = cwd.toRealPath();
                real = t.toRealPath();
            } catch (IOException ignored) {
                // compare the paths as written
            }
            if (cwd.startsWith(real)) {
                throw new ErrorReporter.UsageException("output folder " + t + (cwd.equals(real) ? " is the current directory"
                        : " holds the current directory (" + cwd + ")") + "; a run replaces its output folder as a whole,"
                        + " so give a folder of its own (e.g. --out out/run)");
            }
        }
        LOCK.readLock().lock();
        try {
            if (stopping) {
                throw new UncheckedIOException(new IOException("interrupted"));
            }
            OutputLock lock;
            try {
                Files.createDirectories(t.getParent());
                lock = OutputLock.acquire(t);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the output folder beside " + t + ": " + reason(e), e);
            }
            try {
                List<String> notes = new java.util.ArrayList<>();
                restoreSwappedOut(t).ifPresent(notes::add);
                boolean previous = checkEarlierRun(t, earlierRun);
                notes.addAll(removeLeftovers(t));
                Path folder = t.resolveSibling("." + t.getFileName() + ".partial-" + random());
                try {
                    Files.createDirectory(folder);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create the output folder beside " + t + ": " + reason(e), e);
                }
                Staging s = new Staging(t, folder, previous, lock, notes, earlierRun);
                STAGING.add(s);
                return s;
            } catch (RuntimeException e) {
                lock.release();
                throw e;
            }
        } finally {
            LOCK.readLock().unlock();
        }
    }

    /**
     * @return whether the target holds an earlier run's output (false when it does not exist or is empty)
     * @throws ErrorReporter.UsageException when it holds anything else
     */
    private static boolean checkEarlierRun(Path t, java.util.function.Function<Path, Set<String>> earlierRun) {
        if (!Files.exists(t)) {
            return false;
        }
        try (Stream<Path> list = Files.list(t)) {
            List<Path> entries = list.sorted().toList();
            if (entries.isEmpty()) {
                return false;
            }
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
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output folder " + t + ": " + reason(e), e);
        }
    }

    private static java.util.regex.Pattern leftovers(Path t, String kinds) {
        return java.util.regex.Pattern.compile(java.util.regex.Pattern.quote("." + t.getFileName() + ".") + "(" + kinds
                + ")-[0-9a-f]+");
    }

    /**
     * A run killed between the two renames of its swap has moved the earlier output aside
     * ({@code .name.old-…}) and not yet put its own in place: the output folder is missing. The
     * earlier output is then put back (the latest, if there are several), so that nothing is lost,
     * and said so. Called with the folder's lock held.
     *
     * @return the line that says so, or empty
     */
    private static Optional<String> restoreSwappedOut(Path t) {
        if (Files.exists(t, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        java.util.regex.Pattern old = leftovers(t, "old");
        Path latest = null;
        try (Stream<Path> list = Files.list(t.getParent())) {
            for (Path p : list.filter(p -> old.matcher(p.getFileName().toString()).matches()
                    && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                if (latest == null || Files.getLastModifiedTime(p).compareTo(Files.getLastModifiedTime(latest)) > 0) {
                    latest = p;
                }
            }
            if (latest == null) {
                return Optional.empty();
            }
            Files.move(latest, t, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            return Optional.of("warning: " + t + " is missing and " + (latest != null ? latest.getFileName() : "a hidden folder")
                    + " beside it may hold its earlier output, left by a run killed while it replaced the folder;"
                    + " it could not be put back (" + (e instanceof IOException io ? reason(io)
                    : reason(((UncheckedIOException) e).getCause())) + ")");
        }
        return Optional.of("put back the earlier output of " + t + " from " + latest.getFileName() + ", where a run killed"
                + " while it replaced the folder had left it");
    }

    /**
     * Removes the hidden folders beside {@code t} that runs into it leave while they work
     * ({@code .name.partial-…}, {@code .name.old-…}). Called with the folder's lock held, so no
     * live run owns them: a run that was killed (SIGKILL, a batch system's time limit, a crash
     * of the machine) left them, and the output folder is in place (an earlier output moved
     * aside by a swap cut short has been put back by {@link #restoreSwappedOut}), so an old
     * folder is one that a finished swap did not get to delete.
     *
     * @return one line about what was removed and one about what could not be, or none
     */
    private static List<String> removeLeftovers(Path t) {
        java.util.regex.Pattern mine = leftovers(t, "partial|old");
        List<Path> found;
        try (Stream<Path> list = Files.list(t.getParent())) {
            found = list.filter(p -> mine.matcher(p.getFileName().toString()).matches()
                    && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
        List<String> removed = new java.util.ArrayList<>();
        List<String> kept = new java.util.ArrayList<>();
        IOException why = null;
        for (Path p : found) {
            IOException e = deleteTree(p);
            if (e == null) {
                removed.add(p.getFileName().toString());
            } else {
                kept.add(p.getFileName().toString());
                why = why == null ? e : why;
            }
        }
        List<String> notes = new java.util.ArrayList<>();
        String by = " beside " + t + ", left by an earlier run into it that was killed before it could clean up";
        if (!removed.isEmpty()) {
            notes.add("removed " + (removed.size() == 1 ? "the hidden folder " + removed.get(0)
                    : removed.size() + " hidden folders (" + String.join(", ", removed) + ")") + by);
        }
        if (!kept.isEmpty()) {
            notes.add("warning: cannot remove " + String.join(", ", kept) + by + " (" + reason(why)
                    + "); delete " + (kept.size() == 1 ? "it" : "them") + " yourself");
        }
        return notes;
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
        writeAll(files, () -> { });
    }

    /**
     * {@link #writeAll(java.util.Map)}, then {@code written} while the files' lock is still held:
     * Ctrl-C during the renames waits for both, so what {@code written} records (that the files
     * are in place) is what an interrupt action finds.
     */
    public static void writeAll(java.util.Map<Path, Content> files, Runnable written) {
        java.util.Map<Path, Path> tmps = new java.util.LinkedHashMap<>();
        Path current = null;
        LOCK.readLock().lock();
        try {
            if (stopping) {
                throw new IOException("interrupted");
            }
            for (java.util.Map.Entry<Path, Content> e : files.entrySet()) {
                current = e.getKey();
                // a symbolic link is written through: the file it leads to is replaced, the link kept
                Path through = org.autoknots.config.OutputPaths.resolveLink(current.toAbsolutePath().normalize());
                if (through == null) {
                    throw new IOException("it is a symbolic link that leads to itself (a loop)");
                }
                Path dir = through.getParent();
                Files.createDirectories(dir);
                Path tmp = dir.resolve("." + current.getFileName() + ".tmp-" + random());
                IN_FLIGHT.add(tmp);
                tmps.put(through, tmp);
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
            written.run();
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
