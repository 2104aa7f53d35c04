package org.autoknots.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Checks of the paths a command is about to write, made before any work so that a bad path is
 * reported at once, in words, rather than as an exception after the work. Each problem is a
 * fragment that follows the option and the path as the user gave them, e.g.
 * {@code --out afile/sub: 'afile' is a file, not a folder}. Paths are relative to the current
 * directory; folders named inside a message are spelled relative to it when the path was given so.
 */
public final class OutputPaths {

    private OutputPaths() {
    }

    /**
     * A folder that a run creates, or replaces as a whole: it must be a folder if it exists, the
     * folders above it must be folders, and the nearest existing one writable (the run creates
     * the missing ones and a hidden folder beside the output).
     *
     * @return what is wrong, or empty
     */
    public static Optional<String> folderProblem(Path folder) {
        Optional<String> tilde = tildeProblem(folder);
        if (tilde.isPresent()) {
            return tilde;
        }
        Path given = folder.toAbsolutePath().normalize();
        Path abs = resolveLink(given);
        if (abs == null) {
            return Optional.of("is a symbolic link that leads to itself (a loop); give a folder");
        }
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            return Optional.of(abs.equals(given) ? "is an existing file, not a folder"
                    : "is a symbolic link to " + abs + ", an existing file, not a folder");
        }
        if (abs.getParent() == null) {
            return Optional.empty(); // the root: the caller says why it cannot be an output folder
        }
        if (Files.isDirectory(abs)) {
            Optional<String> locked = writeProtection(folder, abs);
            if (locked.isPresent()) {
                return locked;
            }
        }
        return placeProblem(folder, abs.getParent(), true);
    }

    /**
     * The folder a run writes when its output folder is given as {@code folder}: the folder
     * itself, or where a symbolic link leads (followed link by link, a relative link against the
     * link's folder), so that the run replaces the link's target and keeps the link. A link that
     * leads nowhere yet gives the path it names, which the run creates.
     *
     * @param folder an absolute, normalised path
     * @return the folder to write, absolute and normalised; null for a loop of links
     */
    public static Path resolveLink(Path folder) {
        Path p = folder;
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops == 40) {
                return null;
            }
            try {
                Path to = Files.readSymbolicLink(p);
                p = (p.getParent() == null ? to : p.getParent().resolve(to)).toAbsolutePath().normalize();
            } catch (IOException | UnsupportedOperationException e) {
                return p;
            }
        }
        return p;
    }

    /**
     * {@code ~} is the shell's name for the home folder; a pipeline file is not read by a shell,
     * nor is a path the shell did not expand (quoted, or after {@code --out=} in some shells), so a
     * path starting {@code ~/} would make a folder named {@code ~} in the current directory.
     *
     * @return advice for a path that starts with {@code ~}, or empty
     */
    public static Optional<String> tildeProblem(Path path) {
        String s = path.toString();
        String sep = path.getFileSystem().getSeparator();
        if (!(s.equals("~") || s.startsWith("~/") || s.startsWith("~" + sep))) {
            return Optional.empty();
        }
        String home = System.getProperty("user.home");
        return Optional.of("starts with '~', which only a shell turns into your home folder (a pipeline file or a"
                + " quoted path is not expanded), so this would make a folder named '~'; write the folder out, e.g. "
                + (s.length() > 2 ? Path.of(home, s.substring(2)) : Path.of(home)) + " (or ." + sep + s
                + " for a folder named '~')");
    }

    /**
     * A folder the user made read-only (no write permission on it or on a file in it, e.g. by
     * {@code chmod -R a-w}) is not replaced, even by a user who could (root, or the owner of the
     * folder above it): the permission bits are read, not only whether this process may write.
     *
     * @return what is protected, or empty
     */
    static Optional<String> writeProtection(Path given, Path dir) {
        String advice = "; a run replaces its output folder as a whole, so give another folder, or make this one"
                + " writable (chmod -R u+w " + given + ") if the run may replace it";
        if (readOnly(dir)) {
            return Optional.of("is write-protected (the folder has no write permission)" + advice);
        }
        List<String> locked = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> list = Files.list(dir)) {
            for (Path e : list.sorted().toList()) {
                if (readOnly(e)) {
                    locked.add(e.getFileName() + (Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS) ? "/" : ""));
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty(); // the run reports a folder it cannot read
        }
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("holds write-protected files (no write permission: " + String.join(", ",
                locked.subList(0, Math.min(3, locked.size()))) + (locked.size() > 3 ? " and " + (locked.size() - 3)
                + " more" : "") + ")" + advice);
    }

    /** @return whether nobody may write {@code p} by its permission bits, or this process may not */
    private static boolean readOnly(Path p) {
        if (Files.isSymbolicLink(p)) {
            return false; // a link's own bits mean nothing
        }
        try {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> bits = Files.getPosixFilePermissions(p,
                    LinkOption.NOFOLLOW_LINKS);
            if (!bits.contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)
                    && !bits.contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)
                    && !bits.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE)) {
                return true;
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: only whether this process may write
        }
        return !Files.isWritable(p);
    }

    /**
     * A file that a command writes (atomically: a temporary file beside it, then a rename).
     *
     * @param example       a file name for the suggestion when the path is a folder (e.g. {@code table.csv})
     * @param createFolders whether missing folders above it are created (else they must exist)
     * @return what is wrong, or empty
     */
    public static Optional<String> fileProblem(Path file, String example, boolean createFolders) {
        Optional<String> tilde = tildeProblem(file);
        if (tilde.isPresent()) {
            return tilde;
        }
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            return Optional.of("is a folder; give a file name such as " + file.resolve(example));
        }
        if (Files.exists(abs) && !Files.isRegularFile(abs)) {
            return Optional.of("is not a regular file (a device or a pipe?); give a file name such as " + example);
        }
        if (abs.getParent() == null) {
            return Optional.of("give a file name such as " + example);
        }
        return placeProblem(file, abs.getParent(), createFolders);
    }

    /**
     * Checks the folder {@code dir} that will hold a new entry: the nearest existing folder at
     * or above it must be a folder (not a file or a broken link) and writable; below it, folders
     * are created only if {@code create}.
     */
    private static Optional<String> placeProblem(Path given, Path dir, boolean create) {
        Path q = dir;
        while (q != null && !Files.exists(q, LinkOption.NOFOLLOW_LINKS)) {
            q = q.getParent();
        }
        if (q == null) {
            return Optional.empty(); // nothing exists, not even the root: let the write report it
        }
        if (!Files.isDirectory(q)) {
            return Optional.of("'" + shown(given, q) + "' is " + (Files.exists(q) ? "a file, not a folder"
                    : "a broken symbolic link"));
        }
        if (!q.equals(dir) && !create) {
            return Optional.of("folder " + shown(given, dir) + " does not exist");
        }
        if (!Files.isWritable(q)) {
            return Optional.of("no permission to write in " + shown(given, q));
        }
        return Optional.empty();
    }

    /** @return {@code p} relative to the current directory when {@code given} was relative and p lies below it */
    private static String shown(Path given, Path p) {
        if (!given.isAbsolute()) {
            Path cwd = Path.of("").toAbsolutePath().normalize();
            if (p.startsWith(cwd) && !p.equals(cwd)) {
                return cwd.relativize(p).toString();
            }
        }
        return p.toString();
    }

    /**
     * A run replaces its output folder as a whole: the folder must not hold what the run reads,
     * the pipeline file, the reference files of its validate stages and the plugins folders.
     *
     * @param pluginFolders the folders plugins are loaded from
     * @return what the folder holds and why that is wrong, or empty
     */
    public static Optional<String> heldInput(Path folder, Pipeline p, List<Path> pluginFolders) {
        String held = null;
        if (holds(folder, p.file())) {
            held = "the pipeline file " + p.file();
        }
        for (Stage s : p.stages()) {
            if (held == null && s instanceof Stage.Validate v && v.against() instanceof Stage.ReferenceFile ref
                    && holds(folder, ref.file())) {
                held = ref.file() + ", the reference file of stage '" + s.id() + "'";
            }
        }
        for (Path d : pluginFolders) {
            if (held == null && holds(folder, d)) {
                held = "the plugins folder " + d;
            }
        }
        return Optional.ofNullable(held).map(h -> "the folder holds " + h + ", which the run reads; a run replaces its"
                + " output folder as a whole, deleting what it holds, so give a folder that holds none of its inputs");
    }

    /**
     * @return whether {@code folder} is {@code path} or holds it, as written or through symbolic
     *         links
     */
    public static boolean holds(Path folder, Path path) {
        Path f = folder.toAbsolutePath().normalize();
        Path p = path.toAbsolutePath().normalize();
        if (p.startsWith(f)) {
            return true;
        }
        try {
            return Files.exists(f) && Files.exists(p) && p.toRealPath().startsWith(f.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }
}
