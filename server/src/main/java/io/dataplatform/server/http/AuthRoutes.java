package io.dataplatform.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.metastore.TokenRecord;
import io.dataplatform.server.auth.AuthService;
import io.dataplatform.server.auth.IssuedToken;
import io.dataplatform.server.auth.Principal;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Login, logout, the caller's identity, and API tokens. */
final class AuthRoutes {
  private final AuthService auth;
  private final ObjectMapper mapper;

  AuthRoutes(AuthService auth, ObjectMapper mapper) {
    this.auth = requireNonNull(auth, "auth");
    this.mapper = requireNonNull(mapper, "mapper");
  }

  void register(RoutesConfig routes) {
    routes.post("/api/v1/auth/login", this::login);
    routes.post("/api/v1/auth/logout", this::logout);
    routes.get(
        "/api/v1/me", ctx -> ctx.json(Map.of("username", RequestPrincipal.of(ctx).username())));
    routes.get("/api/v1/tokens", this::listTokens);
    routes.post("/api/v1/tokens", this::createToken);
    routes.delete("/api/v1/tokens/{id}", this::revokeToken);
  }

  private void login(Context context) {
    JsonNode body = JsonBodies.read(context, mapper);
    String username = JsonBodies.requiredText(body, "username");
    String password = JsonBodies.requiredText(body, "password");
    Principal principal = auth.authenticatePassword(username, password).orElse(null);
    if (principal == null) {
      ErrorResponses.unauthenticated(context);
      return;
    }
    IssuedToken token = auth.login(principal);
    context.json(
        Map.of(
            "token", token.secret(),
            "username", principal.username(),
            "expiresAt", token.record().expiresAt().orElseThrow().toString()));
  }

  private void logout(Context context) {
    String header = context.header("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      auth.logout(RequestPrincipal.of(context), header.substring(7).trim());
    }
    context.status(204);
  }

  private void listTokens(Context context) {
    List<Map<String, Object>> tokens =
        auth.apiTokens(RequestPrincipal.of(context)).stream().map(AuthRoutes::describe).toList();
    context.json(Map.of("tokens", tokens));
  }

  private void createToken(Context context) {
    JsonNode body = JsonBodies.read(context, mapper);
    IssuedToken token =
        auth.createApiToken(RequestPrincipal.of(context), JsonBodies.requiredText(body, "name"));
    Map<String, Object> answer = describe(token.record());
    answer.put("token", token.secret());
    context.status(201).json(answer);
  }

  private void revokeToken(Context context) {
    long id;
    try {
      id = Long.parseLong(context.pathParam("id"));
    } catch (NumberFormatException e) {
      throw io.dataplatform.api.DpException.user(
          "Cannot revoke API token: the id must be a number (" + context.pathParam("id") + ")");
    }
    auth.revokeApiToken(RequestPrincipal.of(context), id);
    context.status(204);
  }

  private static Map<String, Object> describe(TokenRecord record) {
    Map<String, Object> token = new LinkedHashMap<>();
    token.put("id", record.id());
    token.put("name", record.name());
    token.put("createdAt", record.createdAt().toString());
    token.put("revokedAt", record.revokedAt().map(Object::toString).orElse(null));
    return token;
  }
}
