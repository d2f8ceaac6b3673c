package io.dataplatform.ingest.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.ConnectorConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * How requests authenticate: nothing, a bearer token, basic credentials, an API key in a header or
 * the query, or an OAuth2 client-credentials token fetched and refreshed before it expires.
 */
public final class HttpAuth {
  /** The kinds of authentication, by their configuration names. */
  public enum Kind {
    NONE,
    BEARER,
    BASIC,
    API_KEY,
    OAUTH2_CLIENT_CREDENTIALS
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Kind kind;
  private final ConnectorConfig config;
  private String token;
  private Instant expires = Instant.MIN;

  private HttpAuth(Kind kind, ConnectorConfig config) {
    this.kind = kind;
    this.config = config;
  }

  /** Reads {@code auth} and its settings from the connection. */
  public static HttpAuth of(ConnectorConfig config) {
    String name = config.string("auth", "none");
    Kind kind;
    try {
      kind = Kind.valueOf(name.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new DpException(
          StandardErrorCode.INVALID_CONFIGURATION,
          "Cannot configure http source: unknown auth ("
              + name
              + "); use none, bearer, basic, api_key or oauth2_client_credentials");
    }
    switch (kind) {
      case BEARER -> config.string("token");
      case BASIC -> {
        config.string("username");
        config.string("password");
      }
      case API_KEY -> config.string("api_key");
      case OAUTH2_CLIENT_CREDENTIALS -> {
        config.string("token_url");
        config.string("client_id");
        config.string("client_secret");
      }
      case NONE -> {}
    }
    return new HttpAuth(kind, config);
  }

  /** The query parameter carrying the API key, which error messages must leave out. */
  public Optional<String> secretQueryParameter() {
    return kind == Kind.API_KEY && "query".equals(config.string("api_key_in", "header"))
        ? Optional.of(config.string("api_key_name", "api_key"))
        : Optional.empty();
  }

  /** The request URI with the API key added when it travels in the query. */
  URI authorize(URI uri) {
    Optional<String> parameter = secretQueryParameter();
    if (parameter.isEmpty()) {
      return uri;
    }
    String pair = encode(parameter.get()) + "=" + encode(config.string("api_key"));
    String query = uri.getRawQuery();
    String name = encode(parameter.get()) + "=";
    if (query != null && ("&" + query).contains("&" + name)) {
      return uri; // a next-page link that already carries the key
    }
    String text = uri.toString();
    int fragment = text.indexOf('#');
    String head = fragment < 0 ? text : text.substring(0, fragment);
    return URI.create(head + (query == null || query.isEmpty() ? "?" : "&") + pair);
  }

  /** Adds the authentication header, fetching an OAuth2 token first when needed. */
  void headers(HttpRequest.Builder request, HttpClient client) throws InterruptedException {
    switch (kind) {
      case BEARER -> request.header("Authorization", "Bearer " + config.string("token"));
      case BASIC ->
          request.header(
              "Authorization",
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString(
                          (config.string("username") + ":" + config.string("password"))
                              .getBytes(StandardCharsets.UTF_8)));
      case API_KEY -> {
        if (secretQueryParameter().isEmpty()) {
          request.header(config.string("api_key_name", "X-API-Key"), config.string("api_key"));
        }
      }
      case OAUTH2_CLIENT_CREDENTIALS -> request.header("Authorization", "Bearer " + token(client));
      case NONE -> {}
    }
  }

  /** Forgets a token the API refused, so the next request fetches a new one. */
  synchronized boolean invalidate() {
    if (kind != Kind.OAUTH2_CLIENT_CREDENTIALS) {
      return false;
    }
    token = null;
    return true;
  }

  private synchronized String token(HttpClient client) throws InterruptedException {
    if (token != null && Instant.now().isBefore(expires.minusSeconds(30))) {
      return token;
    }
    String tokenUrl = config.string("token_url");
    StringBuilder form = new StringBuilder("grant_type=client_credentials");
    form.append("&client_id=").append(encode(config.string("client_id")));
    form.append("&client_secret=").append(encode(config.string("client_secret")));
    config
        .optionalString("scopes")
        .ifPresent(scopes -> form.append("&scope=").append(encode(scopes)));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(tokenUrl))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
            .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new DpException(
            StandardErrorCode.PERMISSION_DENIED,
            "Cannot get an OAuth2 token: the token endpoint answered "
                + response.statusCode()
                + "; check client_id and client_secret (POST "
                + tokenUrl
                + ")");
      }
      JsonNode body = JSON.readTree(response.body());
      String accessToken = body.path("access_token").asText("");
      if (accessToken.isEmpty()) {
        throw new DpException(
            StandardErrorCode.EXTERNAL_FAILURE,
            "Cannot get an OAuth2 token: the answer has no access_token (POST " + tokenUrl + ")");
      }
      token = accessToken;
      expires = Instant.now().plusSeconds(body.path("expires_in").asLong(3600));
      return token;
    } catch (IOException e) {
      throw new DpException(
          StandardErrorCode.EXTERNAL_FAILURE,
          "Cannot get an OAuth2 token: " + e.getMessage() + " (POST " + tokenUrl + ")",
          e);
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
