package dev.exitengine.tools.live;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminTokenTest
{
    @TempDir
    Path journal;

    @Test
    void tokenIsSixtyFourHexDigitsInAnOwnerOnlyFile() throws IOException
    {
        final AdminToken token = AdminToken.create(journal);
        final Path file = journal.resolve(LiveFiles.TOKEN_FILE);
        assertEquals(file, token.file());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(token.value().matches("[0-9a-f]{64}"), "64 hex digits");
        assertEquals(token.value() + "\n", Files.readString(file));
    }

    @Test
    void aNewTokenReplacesTheOldOneAndLeavesNoTemporaryFile() throws IOException
    {
        final AdminToken first = AdminToken.create(journal);
        final AdminToken second = AdminToken.create(journal);
        assertNotEquals(first.value(), second.value());
        assertEquals(second.value(), AdminToken.read(journal).value());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(second.file())));
        try (Stream<Path> files = Files.list(journal))
        {
            assertEquals(1, files.count(), "only admin.token");
        }
    }

    @Test
    void matchesOnlyItsOwnValue() throws IOException
    {
        final AdminToken token = AdminToken.create(journal);
        assertTrue(token.matches(token.value()));
        assertFalse(token.matches(token.value().substring(1) + "0"));
        assertFalse(token.matches(token.value().substring(2)));
        assertFalse(token.matches(""));
        assertFalse(token.matches(null));
    }

    @Test
    void itsTextNamesTheFileButNeverTheValue() throws IOException
    {
        final AdminToken token = AdminToken.create(journal);
        assertFalse(token.toString().contains(token.value()));
        assertTrue(token.toString().contains(LiveFiles.TOKEN_FILE));
    }

    @Test
    void aFileThatIsNotATokenIsRefusedByName() throws IOException
    {
        Files.writeString(journal.resolve(LiveFiles.TOKEN_FILE), "not-a-token\n");
        final IOException e = assertThrows(IOException.class, () -> AdminToken.read(journal));
        assertTrue(e.getMessage().contains(journal.resolve(LiveFiles.TOKEN_FILE).toString()), e.getMessage());
    }
}
