package dev.hourglass.backend.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The embedded database's superuser password: made once, kept in a file only its owner may read (mode 600), so that
 * the control plane can log in after a restart and no other user of the machine can.
 */
final class DatabasePassword {

    private static final int RANDOM_BYTES = 24;

    private DatabasePassword() {
    }

    /** The password in {@code file}, written there first (its first line) when the file does not exist. */
    static String readOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        }
        String password = Files.readString(file).strip();
        if (password.isEmpty()) {
            throw new IllegalStateException(file + " is empty: it should hold the embedded database's password");
        }
        return password;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
