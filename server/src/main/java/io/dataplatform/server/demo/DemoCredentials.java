package io.dataplatform.server.demo;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The demo's admin password: the configured one ({@code DP_ADMIN_PASSWORD}), or one generated at
 * the first demo and kept in {@code <data>/demo/admin-password} (readable by its owner only), so
 * every start of the demo can print how to sign in. The platform itself stores only its hash.
 *
 * @param file where the generated password is kept; empty when it was configured
 */
public record DemoCredentials(String password, Optional<Path> file) {
  private static final String ALPHABET =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  public DemoCredentials {
    requireNonNull(password, "password");
    requireNonNull(file, "file");
  }

  /** The configured password, or the demo's stored one, generated on first use. */
  public static DemoCredentials load(Path demoDirectory, Optional<String> configured) {
    if (configured.isPresent()) {
      return new DemoCredentials(configured.get(), Optional.empty());
    }
    Path file = demoDirectory.resolve("admin-password");
    try {
      if (Files.isRegularFile(file)) {
        return new DemoCredentials(
            Files.readString(file, StandardCharsets.UTF_8).trim(), Optional.of(file));
      }
      Files.createDirectories(demoDirectory);
      SecureRandom random = new SecureRandom();
      StringBuilder password = new StringBuilder();
      for (int i = 0; i < 16; i++) {
        password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return new DemoCredentials(password.toString(), Optional.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "DemoCredentials[" + file + "]";
  }
}
