package io.dataplatform.ingest.source.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sends the GET requests of an HTTP source: authenticated, paced to a rate limit, retried with
 * exponential backoff on 429 and 5xx answers and on network errors (a {@code Retry-After} header
 * sets the wait), and turned into clear errors otherwise. URLs in messages never carry secrets.
 */
public final class HttpFetcher {
  /** A page as answered: its URL, JSON body and headers. */
  public record Page(URI uri, JsonNode body, HttpHeaders headers) {}

  /** Retry and pacing settings. */
  public record Policy(
      int maxRetries,
      Duration initialBackoff,
      Duration maxBackoff,
      double requestsPerSecond,
      Duration timeout) {
    public Policy {
      requireNonNull(initialBackoff, "initialBackoff");
      requireNonNull(maxBackoff, "maxBackoff");
      requireNonNull(timeout, "timeout");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;
  private final HttpAuth auth;
  private final Map<String, String> headers;
  private final Policy policy;
  private long nextRequestNanos = System.nanoTime();

  public HttpFetcher(HttpClient client, HttpAuth auth, Map<String, String> headers, Policy policy) {
    this.client = requireNonNull(client, "client");
    this.auth = requireNonNull(auth, "auth");
    this.headers = Map.copyOf(headers);
    this.policy = requireNonNull(policy, "policy");
  }

  /** GETs {@code uri} for {@code stream}, retrying as the policy allows. */
  public Page get(String stream, URI uri) throws InterruptedException {
    int attempt = 0;
    boolean tokenRenewed = false;
    while (true) {
      pace();
      HttpResponse<InputStream> response;
      try {
        response = client.send(request(uri), HttpResponse.BodyHandlers.ofInputStream());
      } catch (IOException e) {
        if (attempt < policy.maxRetries()) {
          Thread.sleep(backoff(attempt++).toMillis());
          continue;
        }
        throw new DpException(
            StandardErrorCode.EXTERNAL_FAILURE,
            "Cannot reach HTTP API: "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                + " (GET "
                + shown(uri)
                + (attempt > 0 ? ", " + (attempt + 1) + " attempts" : "")
                + ")",
            e);
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return new Page(uri, body(stream, uri, response), response.headers());
      }
      discard(response);
      if (status == 401 && !tokenRenewed && auth.invalidate()) {
        tokenRenewed = true;
        continue;
      }
      if ((status == 429 || status >= 500) && attempt < policy.maxRetries()) {
        Duration wait = retryAfter(response.headers()).orElse(backoff(attempt));
        attempt++;
        Thread.sleep(wait.toMillis());
        continue;
      }
      throw failure(stream, uri, status, attempt);
    }
  }

  private HttpRequest request(URI uri) throws InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(auth.authorize(uri)).timeout(policy.timeout()).GET();
    request.header("Accept", "application/json");
    headers.forEach(request::header);
    auth.headers(request, client);
    return request.build();
  }

  private JsonNode body(String stream, URI uri, HttpResponse<InputStream> response) {
    try (InputStream body = response.body()) {
      JsonNode node = JSON.readTree(body);
      return node == null ? JSON.missingNode() : node;
    } catch (IOException e) {
      throw new DpException(
          StandardErrorCode.EXTERNAL_FAILURE,
          "Cannot read HTTP stream "
              + stream
              + ": the answer is not JSON (GET "
              + shown(uri)
              + ": "
              + e.getMessage().lines().findFirst().orElse("")
              + ")",
          e);
    }
  }

  private static void discard(HttpResponse<InputStream> response) {
    try (InputStream body = response.body()) {
      body.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      // the connection is dropped instead of reused
    }
  }

  private DpException failure(String stream, URI uri, int status, int attempt) {
    String request = "GET " + shown(uri) + " answered " + status;
    if (status == 401 || status == 403) {
      return new DpException(
          StandardErrorCode.PERMISSION_DENIED,
          "Cannot read HTTP stream "
              + stream
              + ": the API refused the credentials ("
              + request
              + ")");
    }
    if (status == 429 || status >= 500) {
      return new DpException(
          StandardErrorCode.EXTERNAL_FAILURE,
          "Cannot read HTTP stream "
              + stream
              + ": the API kept failing ("
              + request
              + " after "
              + (attempt + 1)
              + " attempts)");
    }
    return new DpException(
        StandardErrorCode.INVALID_ARGUMENT,
        "Cannot read HTTP stream " + stream + ": the API refused the request (" + request + ")");
  }

  /** The URL as shown to users: without credentials in the query or user info. */
  public String shown(URI uri) {
    String text = uri.toString();
    if (uri.getRawUserInfo() != null) {
      text = text.replace(uri.getRawUserInfo() + "@", "");
    }
    Optional<String> secret = auth.secretQueryParameter();
    if (secret.isPresent()) {
      text =
          text.replaceAll(
              "([?&])"
                  + Pattern.quote(
                      java.net.URLEncoder.encode(
                          secret.get(), java.nio.charset.StandardCharsets.UTF_8))
                  + "=[^&#]*&?",
              "$1");
      text = text.replaceAll("[?&]$", "");
    }
    return text;
  }

  private Duration backoff(int attempt) {
    long millis = policy.initialBackoff().toMillis() << Math.min(attempt, 20);
    return Duration.ofMillis(Math.min(millis, policy.maxBackoff().toMillis()));
  }

  /** The wait a {@code Retry-After} header asks for: seconds or an HTTP date. */
  static Optional<Duration> retryAfter(HttpHeaders headers) {
    Optional<String> value = headers.firstValue("Retry-After").map(String::trim);
    if (value.isEmpty() || value.get().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.get()))));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException unparsed) {
        return Optional.empty();
      }
    }
  }

  private synchronized void pace() throws InterruptedException {
    if (policy.requestsPerSecond() <= 0) {
      return;
    }
    long now = System.nanoTime();
    long wait = nextRequestNanos - now;
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
    nextRequestNanos =
        Math.max(now, nextRequestNanos) + (long) (1_000_000_000L / policy.requestsPerSecond());
  }
}
