package io.dataplatform.metastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The repository contract, written once and run against every metastore database. Subclasses
 * provide a migrated, empty-enough metastore; tests use unique names so they can share one.
 */
public abstract class MetastoreRepositoriesContract {
  protected abstract Metastore metastore();

  private static String unique(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  @Test
  void createsAndFindsUsers() {
    String name = unique("alice");
    User created = metastore().users().create(name, "hash-1");
    User found = metastore().users().findByUsername(name).orElseThrow();
    assertEquals(created.id(), found.id());
    assertEquals("hash-1", found.passwordHash());
    assertEquals(created.createdAt(), found.createdAt());
    assertEquals(found, metastore().users().findById(created.id()).orElseThrow());
    assertTrue(metastore().users().findByUsername(unique("nobody")).isEmpty());
    assertTrue(metastore().users().count() >= 1);
  }

  @Test
  void refusesDuplicateUsers() {
    String name = unique("bob");
    metastore().users().create(name, "hash");
    DpException error =
        assertThrows(DpException.class, () -> metastore().users().create(name, "other"));
    assertEquals("Cannot create user: the name is taken (" + name + ")", error.getMessage());
  }

  @Test
  void updatesPasswordHash() {
    User user = metastore().users().create(unique("carol"), "old");
    metastore().users().updatePasswordHash(user.id(), "new");
    assertEquals("new", metastore().users().findById(user.id()).orElseThrow().passwordHash());
  }

  @Test
  void storesListsAndRevokesTokens() {
    User user = metastore().users().create(unique("dave"), "hash");
    TokenRepository tokens = metastore().tokens();
    TokenRecord api = tokens.create(unique("h"), user.id(), TokenKind.API, "ci", Optional.empty());
    Instant expiry = Instant.now().plus(1, ChronoUnit.HOURS);
    TokenRecord session =
        tokens.create(unique("h"), user.id(), TokenKind.SESSION, "login", Optional.of(expiry));

    TokenRecord found = tokens.findByHash(api.tokenHash()).orElseThrow();
    assertEquals(api, found);
    assertTrue(found.isActiveAt(Instant.now()));
    assertEquals(List.of(api), tokens.list(user.id(), TokenKind.API));
    assertEquals(List.of(session), tokens.list(user.id(), TokenKind.SESSION));
    assertFalse(session.isActiveAt(expiry.plusSeconds(1)));

    Instant revokedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    assertTrue(tokens.revoke(api.id(), revokedAt));
    assertFalse(tokens.revoke(api.id(), revokedAt), "revoking twice reports nothing to do");
    TokenRecord revoked = tokens.findById(api.id()).orElseThrow();
    assertEquals(Optional.of(revokedAt), revoked.revokedAt());
    assertFalse(revoked.isActiveAt(Instant.now()));
  }

  @Test
  void deletesExpiredSessions() {
    User user = metastore().users().create(unique("erin"), "hash");
    TokenRecord old =
        metastore()
            .tokens()
            .create(
                unique("h"),
                user.id(),
                TokenKind.SESSION,
                "login",
                Optional.of(Instant.now().minus(2, ChronoUnit.DAYS)));
    assertTrue(metastore().tokens().deleteExpiredSessions(Instant.now()) >= 1);
    assertTrue(metastore().tokens().findById(old.id()).isEmpty());
  }

  @Test
  void recordsQueryHistoryNewestFirst() {
    String user = unique("frank");
    Instant start = Instant.now().truncatedTo(ChronoUnit.MICROS);
    QueryRecord first =
        new QueryRecord(
            unique("q"),
            user,
            "select 1",
            "FINISHED",
            Optional.empty(),
            start,
            1,
            2,
            3,
            4,
            2,
            1024,
            1,
            List.of("demo.orders", "demo.customers"));
    QueryRecord second =
        new QueryRecord(
            unique("q"),
            user,
            "select nope",
            "FAILED",
            Optional.of("Binder Error"),
            start.plusSeconds(1),
            0,
            0,
            1,
            0,
            0,
            0,
            0,
            List.of());
    metastore().queries().insert(first);
    metastore().queries().insert(second);

    assertEquals(List.of(second, first), metastore().queries().recent(Optional.of(user), 10));
    assertEquals(List.of(second), metastore().queries().recent(Optional.of(user), 1));
    assertEquals(first, metastore().queries().find(first.id()).orElseThrow());
    assertTrue(metastore().queries().recent(Optional.empty(), 5).size() >= 2);
  }
}
