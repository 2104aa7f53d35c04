package org.autoknots.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTheContentAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path t = dir.resolve("sub/table.csv");
        AtomicFiles.writeString(t, "x,value\n1,2\n");
        assertEquals("x,value\n1,2\n", Files.readString(t));
        AtomicFiles.writeString(t, "x,value\n3,4\n");
        assertEquals("x,value\n3,4\n", Files.readString(t));
        assertEquals(List.of("table.csv"), names(dir.resolve("sub")));
    }

    @Test
    void aFailedWriteKeepsThePreviousFileAndLeavesNoPartialOne(@TempDir Path dir) throws IOException {
        Path t = dir.resolve("table.csv");
        AtomicFiles.writeString(t, "old\n");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(t, os -> {
            os.write("half a tab".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old\n", Files.readString(t));
        assertEquals(List.of("table.csv"), names(dir));
        assertFalse(e.getMessage().isBlank());
        assertEquals(true, e.getMessage().contains("table.csv") && e.getMessage().contains("disk full"));
    }

    @Test
    void aGroupIsWrittenWholeOrNotAtAll(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.json");
        AtomicFiles.writeString(a, "old a\n");
        AtomicFiles.writeString(b, "old b\n");
        java.util.Map<Path, AtomicFiles.Content> group = new java.util.LinkedHashMap<>();
        group.put(a, os -> os.write("new a\n".getBytes()));
        group.put(b, os -> {
            throw new IOException("disk full");
        });
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeAll(group));
        assertEquals("old a\n", Files.readString(a), "the first file is not replaced when the second fails");
        assertEquals("old b\n", Files.readString(b));
        assertEquals(List.of("a.csv", "b.json"), names(dir));
    }

    @Test
    void stagingReplacesTheFolderOnCommitAndVanishesOtherwise(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("run");
        AtomicFiles.writeString(target.resolve("summary.json"), "{}\n");
        AtomicFiles.writeString(target.resolve("stale.csv"), "x\n");
        try (AtomicFiles.Staging s = AtomicFiles.staging(target, t -> java.util.Set.of("summary.json", "stale.csv"))) {
            assertEquals(dir, s.folder().getParent());
            AtomicFiles.writeString(s.folder().resolve("new.csv"), "y\n");
            AtomicFiles.writeString(s.folder().resolve("summary.json"), "{ }\n");
            s.commit();
        }
        assertEquals(List.of("new.csv", "summary.json"), names(target));
        assertEquals(List.of("run"), names(dir));
        try (AtomicFiles.Staging s = AtomicFiles.staging(target, t -> java.util.Set.of("summary.json", "new.csv"))) {
            AtomicFiles.writeString(s.folder().resolve("other.csv"), "z\n");
        }
        assertEquals(List.of("run"), names(dir), "an uncommitted staging folder is deleted");
        assertEquals(List.of("new.csv", "summary.json"), names(target));
    }

    @Test
    void stagingRefusesAFolderHoldingWhatTheEarlierRunDidNotWrite(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("run");
        AtomicFiles.writeString(target.resolve("summary.json"), "{}\n");
        AtomicFiles.writeString(target.resolve("f.csv"), "x\n");
        AtomicFiles.writeString(target.resolve("notes.txt"), "keep me\n");
        Files.createDirectory(target.resolve("data"));
        ErrorReporter.UsageException e = assertThrows(ErrorReporter.UsageException.class,
                () -> AtomicFiles.staging(target, t -> java.util.Set.of("summary.json", "f.csv", "data")));
        assertEquals("output folder " + target + " holds data/, notes.txt, which the earlier run there did not write"
                + " (its summary.json does not list them); a run replaces its output folder as a whole, so move them"
                + " elsewhere or give another folder", e.getMessage());
        assertEquals(List.of("data", "f.csv", "notes.txt", "summary.json"), names(target));
        assertEquals(List.of("run"), names(dir), "no staging folder was made");
        // a summary.json that is not a run's: nothing in the folder is known to be a run's
        ErrorReporter.UsageException n = assertThrows(ErrorReporter.UsageException.class,
                () -> AtomicFiles.staging(target, t -> null));
        assertTrue(n.getMessage().contains("holds a summary.json that is not an autoknots run's"), n::getMessage);
    }

    @Test
    void whatAFileBrowserLeavesDoesNotStopTheReplacement(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("run");
        AtomicFiles.writeString(target.resolve("summary.json"), "{}\n");
        AtomicFiles.writeString(target.resolve(".DS_Store"), "finder\n");
        try (AtomicFiles.Staging s = AtomicFiles.staging(target, t -> java.util.Set.of("summary.json"))) {
            AtomicFiles.writeString(s.folder().resolve("summary.json"), "{ }\n");
            s.commit();
        }
        assertEquals(List.of("summary.json"), names(target));
    }

    @Test
    void aSecondStagingOfTheSameFolderIsRefusedUntilTheFirstEnds(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("run");
        try (AtomicFiles.Staging first = AtomicFiles.staging(target, t -> java.util.Set.of("summary.json"))) {
            assertTrue(Files.exists(dir.resolve(".run.lock")), "the lock file is beside the folder while the run works");
            ErrorReporter.UsageException e = assertThrows(ErrorReporter.UsageException.class,
                    () -> AtomicFiles.staging(target, t -> java.util.Set.of("summary.json")));
            assertEquals("output folder " + target + " is being written by another run (process "
                    + ProcessHandle.current().pid() + "); wait until it ends, or give another folder", e.getMessage());
            // another folder in the same place is not affected
            try (AtomicFiles.Staging other = AtomicFiles.staging(dir.resolve("run2"), t -> java.util.Set.of())) {
                assertTrue(Files.isDirectory(other.folder()));
            }
            AtomicFiles.writeString(first.folder().resolve("summary.json"), "{}\n");
            assertEquals(Optional.empty(), first.commit());
            assertTrue(first.committed());
        }
        assertEquals(List.of("run"), names(dir), "no lock file, staging or old folder is left");
        try (AtomicFiles.Staging again = AtomicFiles.staging(target, t -> java.util.Set.of("summary.json"))) {
            assertTrue(again.hadPrevious());
        }
        assertEquals(List.of("run"), names(dir));
    }

    @Test
    void hiddenFoldersOfKilledRunsIntoTheFolderAreRemovedAndSaidSoButNoOthers(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("run");
        AtomicFiles.writeString(target.resolve("summary.json"), "{}\n");
        // what a run killed while writing, and one killed during the swap, leave beside the folder
        AtomicFiles.writeString(dir.resolve(".run.partial-3f2a/f.csv"), "half\n");
        AtomicFiles.writeString(dir.resolve(".run.old-be07/f.csv"), "old\n");
        // an empty lock file of the killed run (its lock went with its process)
        Files.writeString(dir.resolve(".run.lock"), "999999999 abc\n");
        // look-alikes that belong to other folders (run.partial-1 and run2) or to nobody
        AtomicFiles.writeString(dir.resolve(".run.partial-1.partial-77/f.csv"), "other\n");
        AtomicFiles.writeString(dir.resolve(".run2.partial-88/f.csv"), "other\n");
        Files.writeString(dir.resolve(".run.partial-99"), "a file, not a folder a run made");
        try (AtomicFiles.Staging s = AtomicFiles.staging(target, t -> java.util.Set.of("summary.json"))) {
            assertEquals(List.of("removed 2 hidden folders (.run.old-be07, .run.partial-3f2a) beside " + target
                    + ", left by an earlier run into it that was killed before it could clean up"), s.notes());
            AtomicFiles.writeString(s.folder().resolve("summary.json"), "{ }\n");
            s.commit();
        }
        assertEquals(List.of(".run.partial-1.partial-77", ".run.partial-99", ".run2.partial-88", "run"), names(dir));
        try (AtomicFiles.Staging s = AtomicFiles.staging(target, t -> java.util.Set.of("summary.json"))) {
            assertEquals(List.of(), s.notes(), "nothing left to remove, nothing said");
        }
    }

    @Test
    void anEarlierOutputLeftMovedAsideByASwapCutShortIsPutBackNotDeleted(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("run");
        // killed between the renames: the earlier output aside, the new one complete in its staging folder
        AtomicFiles.writeString(dir.resolve(".run.old-a1/summary.json"), "{\"earlier\": 1}\n");
        AtomicFiles.writeString(dir.resolve(".run.partial-b2/summary.json"), "{\"new\": 1}\n");
        try (AtomicFiles.Staging s = AtomicFiles.staging(target, t -> java.util.Set.of("summary.json"))) {
            assertEquals(List.of("put back the earlier output of " + target + " from .run.old-a1, where a run killed while"
                    + " it replaced the folder had left it", "removed the hidden folder .run.partial-b2 beside " + target
                    + ", left by an earlier run into it that was killed before it could clean up"), s.notes());
            assertTrue(s.hadPrevious());
            assertEquals("{\"earlier\": 1}\n", Files.readString(target.resolve("summary.json")));
        }
        assertEquals(List.of("run"), names(dir));
        assertEquals("{\"earlier\": 1}\n", Files.readString(target.resolve("summary.json")), "an uncommitted run keeps it");
    }

    @Test
    void aSymbolicLinkAsTheOutputFolderIsKeptAndWhereItLeadsIsReplaced(@TempDir Path dir) throws IOException {
        Path real = dir.resolve("scratch/real");
        AtomicFiles.writeString(real.resolve("summary.json"), "{}\n");
        AtomicFiles.writeString(real.resolve("stale.csv"), "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("out"), Path.of("scratch/real"));
        try (AtomicFiles.Staging s = AtomicFiles.staging(link, t -> java.util.Set.of("summary.json", "stale.csv"))) {
            assertEquals(real, s.target());
            assertEquals(real.getParent(), s.folder().getParent(), "staged beside the real folder, on its file system");
            assertTrue(s.hadPrevious());
            AtomicFiles.writeString(s.folder().resolve("summary.json"), "{ }\n");
            s.commit();
        }
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals(Path.of("scratch/real"), Files.readSymbolicLink(link));
        assertEquals(List.of("summary.json"), names(real));
        assertEquals("{ }\n", Files.readString(link.resolve("summary.json")));
        assertEquals(List.of("out", "scratch"), names(dir));
        assertEquals(List.of("real"), names(real.getParent()));
        // a link that leads nowhere yet: the folder it names is made
        Path dangling = Files.createSymbolicLink(dir.resolve("later"), dir.resolve("scratch/new"));
        try (AtomicFiles.Staging s = AtomicFiles.staging(dangling, t -> java.util.Set.of())) {
            AtomicFiles.writeString(s.folder().resolve("summary.json"), "{}\n");
            s.commit();
        }
        assertTrue(Files.isSymbolicLink(dangling));
        assertEquals(List.of("summary.json"), names(dir.resolve("scratch/new")));
    }

    @Test
    void theCurrentDirectoryIsNeverAnOutputFolder() {
        Path cwd = Path.of("").toAbsolutePath();
        ErrorReporter.UsageException e = assertThrows(ErrorReporter.UsageException.class,
                () -> AtomicFiles.staging(cwd, t -> java.util.Set.of()));
        assertTrue(e.getMessage().startsWith("output folder " + cwd + " is the current directory; a run replaces"),
                e::getMessage);
        ErrorReporter.UsageException above = assertThrows(ErrorReporter.UsageException.class,
                () -> AtomicFiles.staging(cwd.getParent(), t -> java.util.Set.of()));
        assertTrue(above.getMessage().contains(" holds the current directory ("), above::getMessage);
    }

    @Test
    void ioErrorsAreWordsNotExceptionNames(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "a file");
        Path target = file.resolve("x.csv");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeString(target, "x\n"));
        assertEquals("cannot write " + target + ": " + file + " is a file, not a folder", e.getMessage());
        assertEquals("/nowhere/x: no such file or folder", AtomicFiles.reason(new java.nio.file.NoSuchFileException("/nowhere/x")));
        assertEquals("/x: permission denied", AtomicFiles.reason(new java.nio.file.AccessDeniedException("/x")));
        assertEquals("/a: Is a directory", AtomicFiles.reason(new java.nio.file.FileSystemException("/a", "/b", "Is a directory")));
        assertEquals("disk full", AtomicFiles.reason(new IOException("disk full")));
    }

    @Test
    void whatAppearsInTheOutputFolderDuringARunIsNotDeletedByItsSwap(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out");
        AtomicFiles.Staging s = AtomicFiles.staging(target, t -> java.util.Set.of("summary.json", "f.csv"));
        Files.writeString(s.folder().resolve("summary.json"), "{}");
        Files.writeString(s.folder().resolve("f.csv"), "x,value\n");
        // meanwhile, another run writes its output into a folder inside the target
        Files.createDirectories(target.resolve("sub"));
        Files.writeString(target.resolve("sub/summary.json"), "{\"other\": true}");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, s::commit);
        assertTrue(e.getMessage().startsWith("the output folder " + target + " changed during the run (now it "),
                e.getMessage());
        assertEquals("{\"other\": true}", Files.readString(target.resolve("sub/summary.json")));
        // this run's output is kept beside it, under the name the message gives
        Path kept = Path.of(e.getMessage().replaceFirst(".*this run's output is in (\\S+) instead$", "$1"));
        assertEquals(dir, kept.getParent());
        assertEquals("x,value\n", Files.readString(kept.resolve("f.csv")));
        s.close();
        assertTrue(Files.exists(kept.resolve("f.csv")), "close() keeps what commit() moved aside");
    }
}
