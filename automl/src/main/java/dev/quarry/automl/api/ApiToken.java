package dev.quarry.automl.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * The API's bearer token, kept in one file of the workspace readable by its owner only
 * ({@code rw-------}). Generated from {@link SecureRandom} on first use; rotation writes a new one
 * in place (atomically), after which the old one is refused. A server notices when another
 * process ({@code quarry serve --rotate-token}) replaced the file and reads the new token. The token
 * itself is never logged: people are told the file's path. Thread-safe.
 */
public final class ApiToken {

    /** The file name inside the workspace. */
    public static final String FILE_NAME = "api-token";

    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final boolean created;
    private volatile byte[] digest;
    private volatile Object fileKey;

    private ApiToken(Path file, String token, boolean created) {
        this.file = file;
        this.created = created;
        this.digest = sha256(token);
        this.fileKey = fileKey(file);
    }

    /** The file's identity and time: a rotation moves a new file into place, which changes both. */
    private static Object fileKey(Path file) {
        try {
            var attributes = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return java.util.List.of(String.valueOf(attributes.fileKey()), attributes.lastModifiedTime());
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Reads the token file, or creates it with a new token.
     *
     * @param file the token file
     * @return the token
     * @throws IllegalStateException if the file exists but others may read it, or is empty
     */
    public static ApiToken open(Path file) {
        try {
            if (Files.exists(file)) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (!OWNER_ONLY.containsAll(perms)) {
                    throw new IllegalStateException(file + " may be read by others (" + PosixFilePermissions.toString(perms)
                            + "); run chmod 600 on it, or delete it to have a new token made");
                }
                String token = Files.readString(file).strip();
                if (token.isEmpty()) {
                    throw new IllegalStateException(file + " is empty; delete it to have a new token made");
                }
                return new ApiToken(file, token, false);
            }
            String token = newToken();
            write(file, token);
            return new ApiToken(file, token, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the API token file " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return the token file */
    public Path file() {
        return file;
    }

    /** @return whether {@link #open} made a new token */
    public boolean created() {
        return created;
    }

    /**
     * Replaces the token: the file gets a new one and the old one stops working at once.
     *
     * @return the new token
     */
    public synchronized String rotate() {
        String token = newToken();
        try {
            write(file, token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the API token file " + file + ": " + e.getMessage(), e);
        }
        digest = sha256(token);
        fileKey = fileKey(file);
        return token;
    }

    /**
     * Compares in constant time: both sides are hashed first, so neither the content nor the length
     * of a wrong guess changes how long the comparison takes.
     *
     * @param presented the token a request carries
     * @return whether it is the current token
     */
    public boolean matches(String presented) {
        reloadIfReplaced();
        return presented != null && MessageDigest.isEqual(sha256(presented), digest);
    }

    private synchronized void reloadIfReplaced() {
        Object key = fileKey(file);
        if (key == null || key.equals(fileKey)) {
            // Unchanged, or deleted: a deleted file keeps the token in memory until a restart makes a new one.
            return;
        }
        try {
            String token = Files.readString(file).strip();
            if (!token.isEmpty() && OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
                digest = sha256(token);
            } else {
                // Refuse everything rather than accept a token others could have read.
                digest = new byte[0];
            }
            fileKey = key;
        } catch (IOException e) {
            digest = new byte[0];
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Written to a new owner-only file, then moved over the old one: never readable by others, never half-written. */
    private static void write(Path file, String token) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + FILE_NAME, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.writeString(tmp, token + "\n");
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
