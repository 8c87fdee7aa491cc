package dev.exitengine.tools.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The bearer token that guards the admin endpoint's writes: 32 random bytes as 64 hex digits, kept in
 * {@value LiveFiles#TOKEN_FILE} in the journal folder, readable by its owner only. The value never
 * appears in {@link #toString()}, logs or errors.
 */
public final class AdminToken
{
    public static final int BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private final byte[] value;

    private AdminToken(final Path file, final byte[] value)
    {
        this.file = file;
        this.value = value;
    }

    /**
     * A new token in {@code folder}/{@value LiveFiles#TOKEN_FILE}, replacing an old one. The file is
     * created with mode 0600 (never readable by others, not even for a moment) and moved into place.
     */
    public static AdminToken create(final Path folder) throws IOException
    {
        final byte[] random = new byte[BYTES];
        new SecureRandom().nextBytes(random);
        final String hex = HexFormat.of().formatHex(random);
        final Path file = folder.resolve(LiveFiles.TOKEN_FILE);
        final FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
        final Path temp;
        try
        {
            temp = Files.createTempFile(folder, LiveFiles.TOKEN_FILE + ".", ".tmp", ownerOnly);
        }
        catch (final UnsupportedOperationException e)
        {
            throw new IOException(folder + ": the file system has no POSIX permissions, the admin token could not be kept private", e);
        }
        try
        {
            Files.writeString(temp, hex + "\n", StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        finally
        {
            Files.deleteIfExists(temp);
        }
        return new AdminToken(file, hex.getBytes(StandardCharsets.US_ASCII));
    }

    /** The token a running process keeps in {@code folder}; refuses a file that is not 64 hex digits. */
    public static AdminToken read(final Path folder) throws IOException
    {
        final Path file = folder.resolve(LiveFiles.TOKEN_FILE);
        final String hex = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (hex.length() != BYTES * 2 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0))
        {
            throw new IOException(file + ": not an admin token (64 hex digits expected)");
        }
        return new AdminToken(file, hex.getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether {@code presented} is this token; takes the same time wherever the two differ. */
    public boolean matches(final String presented)
    {
        return presented != null && MessageDigest.isEqual(value, presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** The token itself, for a client to send: never log it. */
    public String value()
    {
        return new String(value, StandardCharsets.US_ASCII);
    }

    public Path file()
    {
        return file;
    }

    @Override
    public String toString()
    {
        return "AdminToken[" + file + "]";
    }
}
