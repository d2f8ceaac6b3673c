package io.dataplatform.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import io.dataplatform.metastore.Metastore;
import io.dataplatform.metastore.MetastoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestAuthService {
  @TempDir Path directory;
  private Metastore metastore;
  private AuthService auth;

  @BeforeEach
  void open() {
    metastore = Metastore.open(MetastoreConfig.embedded(directory));
    auth = new AuthService(metastore, new PasswordHasher(), Duration.ofHours(1));
  }

  @AfterEach
  void close() {
    metastore.close();
  }

  @Test
  void createsAdminOnceWithConfiguredPassword() {
    assertEquals(Optional.empty(), auth.ensureAdmin(Optional.of("secret")));
    assertEquals(Optional.empty(), auth.ensureAdmin(Optional.of("other-password")));
    assertTrue(auth.authenticatePassword("admin", "secret").isPresent());
    assertTrue(auth.authenticatePassword("admin", "other-password").isEmpty());
    String stored = metastore.users().findByUsername("admin").orElseThrow().passwordHash();
    assertFalse(stored.contains("secret"), "only a hash is stored");
    assertTrue(stored.startsWith("pbkdf2-sha256$"), stored);
  }

  @Test
  void generatesAdminPasswordWhenNoneIsConfigured() {
    String generated = auth.ensureAdmin(Optional.empty()).orElseThrow();
    assertEquals(20, generated.length());
    assertTrue(auth.authenticatePassword("admin", generated).isPresent());
  }

  @Test
  void refusesShortPasswords() {
    DpException error = assertThrows(DpException.class, () -> auth.ensureAdmin(Optional.of("abc")));
    assertEquals(
        "Cannot set password: it must have at least 6 characters (3 given)", error.getMessage());
  }

  @Test
  void acceptsBasicAndBearerHeaders() {
    auth.ensureAdmin(Optional.of("secret"));
    Principal admin = auth.authenticatePassword("admin", "secret").orElseThrow();
    String basic =
        "Basic "
            + Base64.getEncoder().encodeToString("admin:secret".getBytes(StandardCharsets.UTF_8));
    assertEquals(Optional.of(admin), auth.authenticateHeader(basic));
    IssuedToken session = auth.login(admin);
    assertTrue(session.secret().startsWith("dps_"));
    assertEquals(Optional.of(admin), auth.authenticateHeader("Bearer " + session.secret()));
    assertEquals(Optional.empty(), auth.authenticateHeader("Bearer dps_forged"));
    assertEquals(Optional.empty(), auth.authenticateHeader("Basic !!!"));
    assertEquals(Optional.empty(), auth.authenticateHeader(null));
    auth.logout(admin, session.secret());
    assertEquals(Optional.empty(), auth.authenticateToken(session.secret()));
  }

  @Test
  void createsListsAndRevokesApiTokens() {
    auth.ensureAdmin(Optional.of("secret"));
    Principal admin = auth.authenticatePassword("admin", "secret").orElseThrow();
    IssuedToken token = auth.createApiToken(admin, "ci");
    assertEquals(Optional.of(admin), auth.authenticateToken(token.secret()));
    assertEquals(1, auth.apiTokens(admin).size());
    auth.revokeApiToken(admin, token.record().id());
    assertEquals(Optional.empty(), auth.authenticateToken(token.secret()));
    DpException twice =
        assertThrows(DpException.class, () -> auth.revokeApiToken(admin, token.record().id()));
    assertEquals(
        "Cannot revoke API token: it is already revoked (" + token.record().id() + ")",
        twice.getMessage());
    DpException missing = assertThrows(DpException.class, () -> auth.revokeApiToken(admin, 999));
    assertEquals("Cannot revoke API token: no such token of yours (999)", missing.getMessage());
  }
}
