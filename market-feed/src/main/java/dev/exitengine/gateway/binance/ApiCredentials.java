package dev.exitengine.gateway.binance;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * One account's Binance API key and signing secret, read from environment variables or an owner-only
 * file. The key type follows the secret's content: a PEM PKCS#8 private key is Ed25519, an alphanumeric
 * string is an HMAC-SHA256 secret. Neither the key nor the secret ever appears in {@link #toString()}
 * or in an exception message: errors name the account, the variable or the file, never what they hold.
 */
public final class ApiCredentials
{
    /** How requests are signed. */
    public enum KeyType
    {
        HMAC_SHA256, ED25519
    }

    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";
    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final String name;
    private final String apiKey;
    private final KeyType type;
    private final Key key;

    private ApiCredentials(final String name, final String apiKey, final KeyType type, final Key key)
    {
        this.name = name;
        this.apiKey = apiKey;
        this.type = type;
        this.key = key;
    }

    /** Account {@code name}: API key from {@code apiKeyEnv}, secret from {@code secretEnv}, in the process environment. */
    public static ApiCredentials fromEnvironment(final String name, final String apiKeyEnv, final String secretEnv)
    {
        return fromEnvironment(name, apiKeyEnv, secretEnv, System::getenv);
    }

    /** As {@link #fromEnvironment(String, String, String)}, reading variables through {@code env}. */
    public static ApiCredentials fromEnvironment(final String name, final String apiKeyEnv, final String secretEnv,
        final Function<String, String> env)
    {
        final String apiKey = variable(name, apiKeyEnv, env);
        return of(name, apiKey, variable(name, secretEnv, env), "environment variable " + secretEnv);
    }

    /**
     * Account {@code name}: API key from {@code apiKeyEnv}, secret from {@code secretFile}, which must be a POSIX
     * file with no permission for group or others (chmod 600 or 400).
     */
    public static ApiCredentials fromSecretFile(final String name, final String apiKeyEnv, final Path secretFile)
    {
        return fromSecretFile(name, apiKeyEnv, secretFile, System::getenv);
    }

    /** As {@link #fromSecretFile(String, String, Path)}, reading the API key's variable through {@code env}. */
    public static ApiCredentials fromSecretFile(final String name, final String apiKeyEnv, final Path secretFile,
        final Function<String, String> env)
    {
        final String apiKey = variable(name, apiKeyEnv, env);
        final Set<PosixFilePermission> mode;
        try
        {
            mode = Files.getPosixFilePermissions(secretFile);
        }
        catch (final UnsupportedOperationException ex)
        {
            throw new IllegalArgumentException("account " + name + ": secret file " + secretFile
                + " is on a file system without POSIX permissions; owner-only access cannot be checked");
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("account " + name + ": secret file " + secretFile + " cannot be read ("
                + ex.getClass().getSimpleName() + ")");
        }
        if (!mode.contains(PosixFilePermission.OWNER_READ) || !java.util.Collections.disjoint(mode, NOT_OWNER))
        {
            throw new IllegalArgumentException("account " + name + ": secret file " + secretFile + " has mode "
                + PosixFilePermissions.toString(mode) + "; it must be readable by its owner only (chmod 600)");
        }
        final String secret;
        try
        {
            secret = Files.readString(secretFile, StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            // the exception's message could quote bytes it failed to decode: only its type is told
            throw new IllegalArgumentException("account " + name + ": secret file " + secretFile + " cannot be read as ASCII ("
                + ex.getClass().getSimpleName() + ")");
        }
        return of(name, apiKey, secret, "secret file " + secretFile);
    }

    /** Credentials from the strings themselves (tests, or a caller that already holds them); {@code where} names their origin in errors. */
    public static ApiCredentials of(final String name, final String apiKey, final String secret, final String where)
    {
        final String key = apiKey.strip();
        if (key.isEmpty() || !isAlphanumeric(key))
        {
            throw new IllegalArgumentException("account " + name + ": the API key is empty or not alphanumeric");
        }
        final String text = secret.strip();
        if (text.startsWith(PEM_BEGIN))
        {
            return new ApiCredentials(name, key, KeyType.ED25519, ed25519(name, text, where));
        }
        if (text.startsWith("-----BEGIN"))
        {
            throw new IllegalArgumentException("account " + name + ": " + where
                + " holds a PEM block other than an unencrypted PKCS#8 private key (" + PEM_BEGIN + "); only Ed25519 keys are supported");
        }
        if (text.isEmpty() || !isAlphanumeric(text))
        {
            throw new IllegalArgumentException("account " + name + ": " + where
                + " is neither a PEM PKCS#8 private key nor an alphanumeric HMAC secret");
        }
        return new ApiCredentials(name, key, KeyType.HMAC_SHA256, new SecretKeySpec(text.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
    }

    private static Key ed25519(final String name, final String pem, final String where)
    {
        final int end = pem.indexOf(PEM_END);
        if (end < 0)
        {
            throw new IllegalArgumentException("account " + name + ": " + where + " has no " + PEM_END + " line");
        }
        try
        {
            final byte[] der = Base64.getDecoder().decode(pem.substring(PEM_BEGIN.length(), end).replaceAll("\\s", ""));
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        }
        catch (final IllegalArgumentException | GeneralSecurityException ex)
        {
            // no cause attached: a decoder's message may quote the key's characters
            throw new IllegalArgumentException("account " + name + ": " + where + " is not a valid Ed25519 PKCS#8 private key ("
                + ex.getClass().getSimpleName() + ")");
        }
    }

    private static String variable(final String name, final String variable, final Function<String, String> env)
    {
        final String value = variable == null ? null : env.apply(variable);
        if (value == null || value.isBlank())
        {
            throw new IllegalArgumentException("account " + name + ": environment variable " + variable + " is not set");
        }
        return value;
    }

    private static boolean isAlphanumeric(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            {
                return false;
            }
        }
        return true;
    }

    public String name()
    {
        return name;
    }

    public KeyType type()
    {
        return type;
    }

    /** The value of the {@code X-MBX-APIKEY} header and of the WebSocket API's {@code apiKey} parameter. */
    String apiKey()
    {
        return apiKey;
    }

    /** The HMAC secret key or the Ed25519 private key, for {@link RequestSigner}. */
    Key signingKey()
    {
        return key;
    }

    @Override
    public String toString()
    {
        return "ApiCredentials[" + name + ", " + type + "]";
    }
}
