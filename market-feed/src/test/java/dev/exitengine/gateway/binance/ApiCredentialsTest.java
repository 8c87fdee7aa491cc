package dev.exitengine.gateway.binance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Key type from the content, owner-only secret files, and no secret or API key in any message or stack trace. */
class ApiCredentialsTest
{
    static final String API_KEY = "dbefbc809e3e83c283a984c3a1459732ea7db1360ca80c5c2c8867408d28cc83";
    static final String SECRET = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";

    @TempDir
    Path dir;

    static String ed25519Pem() throws Exception
    {
        final byte[] der = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
    }

    private Path secretFile(final String content, final String mode) throws Exception
    {
        final Path file = dir.resolve("a1.secret");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void aHexSecretFromTheEnvironmentIsHmacAndItsToStringNamesOnlyTheAccountAndType()
    {
        final ApiCredentials c = ApiCredentials.fromEnvironment("a1", "A1_API_KEY", "A1_API_SECRET",
            Map.of("A1_API_KEY", API_KEY, "A1_API_SECRET", SECRET + "\n")::get);
        assertEquals(ApiCredentials.KeyType.HMAC_SHA256, c.type());
        assertEquals(API_KEY, c.apiKey());
        assertEquals("ApiCredentials[a1, HMAC_SHA256]", c.toString());
    }

    @Test
    void aPemPrivateKeyInAnOwnerOnlyFileIsEd25519() throws Exception
    {
        final String pem = ed25519Pem();
        final ApiCredentials c = ApiCredentials.fromSecretFile("a1", "A1_API_KEY", secretFile(pem, "rw-------"),
            Map.of("A1_API_KEY", API_KEY)::get);
        assertEquals(ApiCredentials.KeyType.ED25519, c.type());
        assertEquals("ApiCredentials[a1, ED25519]", c.toString());
        assertEquals("ApiCredentials[a1, HMAC_SHA256]",
            ApiCredentials.fromSecretFile("a1", "A1_API_KEY", secretFile(SECRET, "r--------"), Map.of("A1_API_KEY", API_KEY)::get).toString());
    }

    @Test
    void aMissingApiKeyVariableIsNamedAndNothingSecretIsTold()
    {
        final IllegalArgumentException ex = refused(() -> ApiCredentials.fromEnvironment("a1", "A1_API_KEY", "A1_API_SECRET",
            Map.of("A1_API_SECRET", SECRET)::get));
        assertEquals("account a1: environment variable A1_API_KEY is not set", ex.getMessage());
    }

    @Test
    void aMissingSecretVariableIsNamedAndNothingSecretIsTold()
    {
        final IllegalArgumentException ex = refused(() -> ApiCredentials.fromEnvironment("a1", "A1_API_KEY", "A1_API_SECRET",
            Map.of("A1_API_KEY", API_KEY)::get));
        assertEquals("account a1: environment variable A1_API_SECRET is not set", ex.getMessage());
    }

    @Test
    void aSecretFileReadableByGroupOrOthersIsRefusedNamingTheFileAndMode() throws Exception
    {
        final Path file = secretFile(SECRET, "rw-r--r--");
        final IllegalArgumentException ex = refused(() -> ApiCredentials.fromSecretFile("a1", "A1_API_KEY", file, Map.of("A1_API_KEY", API_KEY)::get));
        assertEquals("account a1: secret file " + file + " has mode rw-r--r--; it must be readable by its owner only (chmod 600)", ex.getMessage());
        final Path groupWrite = secretFile(ed25519Pem(), "rw--w----");
        assertTrue(refused(() -> ApiCredentials.fromSecretFile("a1", "A1_API_KEY", groupWrite, Map.of("A1_API_KEY", API_KEY)::get))
            .getMessage().contains("has mode rw--w----"));
    }

    @Test
    void aMissingSecretFileIsNamed()
    {
        final Path file = dir.resolve("absent.secret");
        final IllegalArgumentException ex = refused(() -> ApiCredentials.fromSecretFile("a1", "A1_API_KEY", file, Map.of("A1_API_KEY", API_KEY)::get));
        assertEquals("account a1: secret file " + file + " cannot be read (NoSuchFileException)", ex.getMessage());
    }

    @Test
    void aSecretFileItsOwnerCannotReadIsRefused() throws Exception
    {
        final Path file = secretFile(SECRET, "-w-------");
        assertTrue(refused(() -> ApiCredentials.fromSecretFile("a1", "A1_API_KEY", file, Map.of("A1_API_KEY", API_KEY)::get))
            .getMessage().contains("has mode -w-------"));
    }

    @Test
    void aBrokenPemIsRefusedWithoutQuotingIt() throws Exception
    {
        final String pem = ed25519Pem();
        final String broken = pem.replace("-----END", "@@@@\n-----END");
        final IllegalArgumentException ex = refused(() -> ApiCredentials.of("a1", API_KEY, broken, "secret file s"));
        assertEquals("account a1: secret file s is not a valid Ed25519 PKCS#8 private key (IllegalArgumentException)", ex.getMessage());
        assertNothingOf(pem, ex);
        final String truncated = pem.substring(0, pem.indexOf("-----END"));
        assertNothingOf(pem, refused(() -> ApiCredentials.of("a1", API_KEY, truncated, "secret file s")));
        final byte[] rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate().getEncoded();
        final String rsaPem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(rsa) + "\n-----END PRIVATE KEY-----";
        final IllegalArgumentException notEd = refused(() -> ApiCredentials.of("a1", API_KEY, rsaPem, "secret file s"));
        assertTrue(notEd.getMessage().startsWith("account a1: secret file s is not a valid Ed25519 PKCS#8 private key"), notEd.getMessage());
        assertNothingOf(rsaPem, notEd);
    }

    @Test
    void otherPemBlocksAndNonAlphanumericSecretsAreRefused()
    {
        assertTrue(refused(() -> ApiCredentials.of("a1", API_KEY, "-----BEGIN RSA PRIVATE KEY-----\nMIIE" + SECRET, "env X"))
            .getMessage().contains("only Ed25519 keys are supported"));
        assertEquals("account a1: env X is neither a PEM PKCS#8 private key nor an alphanumeric HMAC secret",
            refused(() -> ApiCredentials.of("a1", API_KEY, SECRET + " " + SECRET, "env X")).getMessage());
        assertEquals("account a1: the API key is empty or not alphanumeric",
            refused(() -> ApiCredentials.of("a1", API_KEY + "!" + SECRET, SECRET, "env X")).getMessage());
    }

    private static IllegalArgumentException refused(final Executable load)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, load);
        assertNothingOf(SECRET, ex);
        assertNothingOf(API_KEY, ex);
        return ex;
    }

    /** Neither the message, nor any cause, nor the printed stack trace holds a run of 8 characters of {@code secret}'s body. */
    private static void assertNothingOf(final String secret, final Throwable ex)
    {
        final StringWriter trace = new StringWriter();
        ex.printStackTrace(new PrintWriter(trace));
        final String told = trace + String.valueOf(ex.getCause());
        final String body = secret.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "").replace("\n", "").replace("\r", "");
        for (int i = 0; i + 8 <= body.length(); i++)
        {
            assertFalse(told.contains(body.substring(i, i + 8)), "the error told part of the secret: " + ex.getMessage());
        }
    }
}
