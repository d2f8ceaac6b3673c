package io.dataplatform.server.auth;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.metastore.Metastore;
import io.dataplatform.metastore.TokenKind;
import io.dataplatform.metastore.TokenRecord;
import io.dataplatform.metastore.User;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users, passwords and tokens. Every failure to authenticate gives the same answer, so a caller
 * cannot learn whether a user exists.
 */
public final class AuthService {
  public static final String ADMIN = "admin";
  public static final String SESSION_PREFIX = "dps_";
  public static final String API_PREFIX = "dpt_";
  private static final int MINIMUM_PASSWORD_LENGTH = 6;

  private final Metastore metastore;
  private final PasswordHasher hasher;
  private final Duration sessionLifetime;
  // Password checks cost ~100 ms by design; remember recent successes so Basic auth on every
  // request stays cheap. Keyed by a digest of user and password, never the password itself.
  private final ConcurrentHashMap<String, Principal> verifiedBasic = new ConcurrentHashMap<>();

  public AuthService(Metastore metastore, PasswordHasher hasher, Duration sessionLifetime) {
    this.metastore = requireNonNull(metastore, "metastore");
    this.hasher = requireNonNull(hasher, "hasher");
    this.sessionLifetime = requireNonNull(sessionLifetime, "sessionLifetime");
  }

  /**
   * Creates user {@code admin} when the metastore has no user yet.
   *
   * @return the generated password when one had to be generated, to print once
   */
  public Optional<String> ensureAdmin(Optional<String> configuredPassword) {
    if (metastore.users().count() > 0) {
      return Optional.empty();
    }
    String password = configuredPassword.orElseGet(() -> hasher.newToken("").substring(0, 20));
    checkPassword(password);
    metastore.users().create(ADMIN, hasher.hash(password));
    return configuredPassword.isPresent() ? Optional.empty() : Optional.of(password);
  }

  public User createUser(String username, String password) {
    checkPassword(password);
    return metastore.users().create(username, hasher.hash(password));
  }

  private static void checkPassword(String password) {
    if (password.length() < MINIMUM_PASSWORD_LENGTH) {
      throw DpException.user(
          "Cannot set password: it must have at least "
              + MINIMUM_PASSWORD_LENGTH
              + " characters ("
              + password.length()
              + " given)");
    }
  }

  public Optional<Principal> authenticatePassword(String username, String password) {
    if (username == null || password == null) {
      return Optional.empty();
    }
    String cacheKey =
        PasswordHasher.tokenDigest(username + "\u0000" + password + "\u0000basic-cache");
    Principal cached = verifiedBasic.get(cacheKey);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Principal> principal =
        metastore
            .users()
            .findByUsername(username)
            .filter(user -> hasher.matches(password, user.passwordHash()))
            .map(user -> new Principal(user.id(), user.username()));
    principal.ifPresent(p -> verifiedBasic.put(cacheKey, p));
    return principal;
  }

  public Optional<Principal> authenticateToken(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    Instant now = Instant.now();
    return metastore
        .tokens()
        .findByHash(PasswordHasher.tokenDigest(token))
        .filter(record -> record.isActiveAt(now))
        .flatMap(record -> metastore.users().findById(record.userId()))
        .map(user -> new Principal(user.id(), user.username()));
  }

  /** Reads an HTTP {@code Authorization} header: Basic or Bearer. */
  public Optional<Principal> authenticateHeader(String header) {
    if (header == null) {
      return Optional.empty();
    }
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authenticateToken(header.substring(7).trim());
    }
    if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        return Optional.empty();
      }
      return authenticatePassword(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
    return Optional.empty();
  }

  public IssuedToken login(Principal principal) {
    return issue(
        principal,
        SESSION_PREFIX,
        TokenKind.SESSION,
        "login",
        Optional.of(Instant.now().plus(sessionLifetime)));
  }

  /** Revokes the session or API token given, if it is one of the principal's. */
  public void logout(Principal principal, String token) {
    metastore
        .tokens()
        .findByHash(PasswordHasher.tokenDigest(token))
        .filter(record -> record.userId() == principal.userId())
        .ifPresent(record -> metastore.tokens().revoke(record.id(), Instant.now()));
  }

  public IssuedToken createApiToken(Principal principal, String name) {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw DpException.user(
          "Cannot create API token: give it a name of 1 to 200 characters (" + name + ")");
    }
    return issue(principal, API_PREFIX, TokenKind.API, name.trim(), Optional.empty());
  }

  private IssuedToken issue(
      Principal principal,
      String prefix,
      TokenKind kind,
      String name,
      Optional<Instant> expiresAt) {
    String secret = hasher.newToken(prefix);
    TokenRecord record =
        metastore
            .tokens()
            .create(PasswordHasher.tokenDigest(secret), principal.userId(), kind, name, expiresAt);
    return new IssuedToken(secret, record);
  }

  public List<TokenRecord> apiTokens(Principal principal) {
    return metastore.tokens().list(principal.userId(), TokenKind.API);
  }

  public void revokeApiToken(Principal principal, long tokenId) {
    TokenRecord record =
        metastore
            .tokens()
            .findById(tokenId)
            .filter(token -> token.userId() == principal.userId())
            .filter(token -> token.kind() == TokenKind.API)
            .orElseThrow(
                () ->
                    new DpException(
                        StandardErrorCode.NOT_FOUND,
                        "Cannot revoke API token: no such token of yours (" + tokenId + ")"));
    if (record.revokedAt().isPresent()) {
      throw new DpException(
          StandardErrorCode.CONFLICT,
          "Cannot revoke API token: it is already revoked (" + tokenId + ")");
    }
    metastore.tokens().revoke(tokenId, Instant.now());
  }
}
