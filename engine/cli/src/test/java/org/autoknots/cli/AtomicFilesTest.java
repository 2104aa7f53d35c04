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
}
