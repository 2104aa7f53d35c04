package org.autoknots.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        try (AtomicFiles.Staging s = AtomicFiles.staging(target)) {
            assertEquals(dir, s.folder().getParent());
            AtomicFiles.writeString(s.folder().resolve("new.csv"), "y\n");
            AtomicFiles.writeString(s.folder().resolve("summary.json"), "{ }\n");
            s.commit();
        }
        assertEquals(List.of("new.csv", "summary.json"), names(target));
        assertEquals(List.of("run"), names(dir));
        try (AtomicFiles.Staging s = AtomicFiles.staging(target)) {
            AtomicFiles.writeString(s.folder().resolve("other.csv"), "z\n");
        }
        assertEquals(List.of("run"), names(dir), "an uncommitted staging folder is deleted");
        assertEquals(List.of("new.csv", "summary.json"), names(target));
    }
}
