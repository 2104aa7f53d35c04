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
}
