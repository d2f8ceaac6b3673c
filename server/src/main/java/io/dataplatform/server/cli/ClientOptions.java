package io.dataplatform.server.cli;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import picocli.CommandLine.Option;

/** How a client command reaches and authenticates to a running server. */
public final class ClientOptions {
  @Option(
      names = "--server",
      paramLabel = "URL",
      description = "Server URL (default DP_SERVER or http://127.0.0.1:8080)")
  String server;

  @Option(names = "--user", paramLabel = "USER", description = "User name (or DP_USER)")
  String user;

  @Option(names = "--password", paramLabel = "PASSWORD", description = "Password (or DP_PASSWORD)")
  String password;

  @Option(names = "--token", paramLabel = "TOKEN", description = "API token (or DP_TOKEN)")
  String token;

  URI server() {
    String value = server != null ? server : env("DP_SERVER", "http://127.0.0.1:8080");
    return URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
  }

  String authorizationHeader() {
    String tokenValue = token != null ? token : env("DP_TOKEN", null);
    if (tokenValue != null) {
      return "Bearer " + tokenValue;
    }
    String userValue = user != null ? user : env("DP_USER", "admin");
    String passwordValue = password != null ? password : env("DP_PASSWORD", null);
    if (passwordValue == null) {
      throw new DpException(
          StandardErrorCode.NOT_AUTHENTICATED,
          "Cannot call the server: give --password (or DP_PASSWORD) or --token (or DP_TOKEN)");
    }
    String pair = userValue + ":" + passwordValue;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isEmpty() ? fallback : value;
  }
}
