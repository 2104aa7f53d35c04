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
        Path abs = folder.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            return Optional.of("is an existing file, not a folder");
        }
        if (abs.getParent() == null) {
            return Optional.empty(); // the root: the caller says why it cannot be an output folder
        }
        return placeProblem(folder, abs.getParent(), true);
    }

    /**
     * A file that a command writes (atomically: a temporary file beside it, then a rename).
     *
     * @param example       a file name for the suggestion when the path is a folder (e.g. {@code table.csv})
     * @param createFolders whether missing folders above it are created (else they must exist)
     * @return what is wrong, or empty
     */
    public static Optional<String> fileProblem(Path file, String example, boolean createFolders) {
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
