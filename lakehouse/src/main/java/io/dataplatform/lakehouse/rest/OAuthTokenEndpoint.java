package io.dataplatform.lakehouse.rest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The OAuth2 token endpoint ({@code POST /v1/oauth/tokens}, RFC 6749 section 4.4 and RFC 8693) that
 * Iceberg clients call with {@code credential=<client id>:<secret>}. Errors use the OAuth2 error
 * format ({@code {"error","error_description"}}), not the Iceberg one.
 */
final class OAuthTokenEndpoint {
  private static final String CLIENT_CREDENTIALS = "client_credentials";
  private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
  private static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

  private final TokenExchange exchange;
  private final ObjectMapper mapper;

  OAuthTokenEndpoint(TokenExchange exchange, ObjectMapper mapper) {
    this.exchange = requireNonNull(exchange, "exchange");
    this.mapper = requireNonNull(mapper, "mapper");
  }

  IcebergRestResponse issue(String body) {
    Map<String, String> form;
    try {
      form = decodeForm(body);
    } catch (IllegalArgumentException e) {
      return error(400, "invalid_request", "Cannot read token request: " + e.getMessage());
    }
    String grantType = form.getOrDefault("grant_type", "");
    if (grantType.equals(CLIENT_CREDENTIALS)) {
      return clientCredentials(form);
    }
    if (grantType.equals(TOKEN_EXCHANGE)) {
      return refresh(form);
    }
    return error(
        400,
        "unsupported_grant_type",
        "Cannot issue a token: unsupported grant type (" + grantType + ")");
  }

  private IcebergRestResponse clientCredentials(Map<String, String> form) {
    String clientId = form.get("client_id");
    String clientSecret = form.get("client_secret");
    if (clientId == null || clientSecret == null) {
      return error(
          400, "invalid_request", "Cannot issue a token: client_id and client_secret are required");
    }
    Optional<String> token = exchange.exchange(clientId, clientSecret);
    if (token.isEmpty()) {
      return error(
          401,
          "invalid_client",
          "Cannot issue a token: unknown client or wrong secret (" + clientId + ")");
    }
    return token(token.get());
  }

  private IcebergRestResponse refresh(Map<String, String> form) {
    String subjectToken = form.get("subject_token");
    if (subjectToken == null) {
      return error(400, "invalid_request", "Cannot exchange a token: subject_token is required");
    }
    return exchange
        .refresh(subjectToken)
        .map(this::token)
        .orElseGet(
            () ->
                error(
                    400,
                    "invalid_grant",
                    "Cannot exchange a token: the subject token is not valid"));
  }

  private IcebergRestResponse token(String accessToken) {
    ObjectNode node = mapper.createObjectNode();
    node.put("access_token", accessToken);
    node.put("token_type", "bearer");
    node.put("issued_token_type", ACCESS_TOKEN_TYPE);
    node.put("expires_in", exchange.expiresInSeconds());
    return IcebergRestResponse.ok(node.toString());
  }

  private IcebergRestResponse error(int status, String error, String description) {
    ObjectNode node = mapper.createObjectNode();
    node.put("error", error);
    node.put("error_description", description);
    return new IcebergRestResponse(status, node.toString());
  }

  /** Decodes an {@code application/x-www-form-urlencoded} body. */
  static Map<String, String> decodeForm(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.strip().split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      form.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return form;
  }
}
