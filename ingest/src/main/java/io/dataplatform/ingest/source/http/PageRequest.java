package io.dataplatform.ingest.source.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The URL of one page of a stream, and how the next page's URL follows from an answer. */
final class PageRequest {
  private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]*)*)");
  private static final Pattern NEXT = Pattern.compile("rel\\s*=\\s*\"?([^\";]*)\"?");

  private final URI base;
  private final String path;
  private final Pagination pagination;
  private final Map<String, String> params;
  private URI explicit;
  private long offset;
  private long page;

  PageRequest(URI base, String path, Map<String, String> params, Pagination pagination) {
    this.base = base;
    this.path = path;
    this.pagination = pagination;
    this.params = new LinkedHashMap<>(params);
    if (pagination instanceof Pagination.PageNumber number) {
      page = number.start();
      this.params.put(number.param(), String.valueOf(page));
      if (!number.sizeParam().isEmpty() && number.size() > 0) {
        this.params.put(number.sizeParam(), String.valueOf(number.size()));
      }
    } else if (pagination instanceof Pagination.Offset limits) {
      this.params.put(limits.offsetParam(), "0");
      this.params.put(limits.limitParam(), String.valueOf(limits.limit()));
    }
  }

  URI uri() {
    if (explicit != null) {
      return explicit;
    }
    String root = base.toString();
    String target;
    if (path.startsWith("http://") || path.startsWith("https://")) {
      target = path;
    } else if (path.isEmpty()) {
      target = root;
    } else {
      target =
          (root.endsWith("/") ? root.substring(0, root.length() - 1) : root)
              + "/"
              + (path.startsWith("/") ? path.substring(1) : path);
    }
    StringBuilder query = new StringBuilder();
    params.forEach(
        (name, value) ->
            query
                .append(query.length() == 0 ? (target.contains("?") ? "&" : "?") : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return URI.create(target + query);
  }

  /** Moves to the page after {@code answer}; false when the stream has no more pages. */
  boolean advance(HttpFetcher.Page answer, int records) {
    URI previous = uri();
    boolean more;
    if (pagination instanceof Pagination.PageNumber number) {
      more = records > 0 && (number.size() <= 0 || records >= number.size());
      if (more) {
        params.put(number.param(), String.valueOf(++page));
      }
    } else if (pagination instanceof Pagination.Offset limits) {
      more = records > 0 && records >= limits.limit();
      if (more) {
        offset += records;
        params.put(limits.offsetParam(), String.valueOf(offset));
      }
    } else if (pagination instanceof Pagination.Cursor cursor) {
      more = cursor(cursor, answer);
    } else if (pagination instanceof Pagination.LinkHeader) {
      Optional<String> next = nextLink(answer.headers().allValues("Link"));
      next.ifPresent(url -> explicit = answer.uri().resolve(url));
      more = next.isPresent();
    } else {
      more = false;
    }
    return more && !uri().equals(previous);
  }

  private boolean cursor(Pagination.Cursor cursor, HttpFetcher.Page answer) {
    Optional<String> token =
        cursor
            .path()
            .first(answer.body())
            .map(JsonValues::cursorText)
            .filter(text -> !text.isBlank());
    if (token.isEmpty()) {
      return false;
    }
    String value = token.get();
    if (value.startsWith("http://") || value.startsWith("https://") || value.startsWith("/")) {
      explicit = answer.uri().resolve(value);
    } else {
      params.put(cursor.param(), value);
    }
    return true;
  }

  /** The {@code rel="next"} target of Link headers (RFC 8288). */
  static Optional<String> nextLink(List<String> headers) {
    for (String header : headers) {
      Matcher link = LINK.matcher(header);
      while (link.find()) {
        Matcher rel = NEXT.matcher(link.group(2));
        while (rel.find()) {
          for (String relation : rel.group(1).trim().split("\\s+")) {
            if (relation.equalsIgnoreCase("next")) {
              return Optional.of(link.group(1).trim());
            }
          }
        }
      }
    }
    return Optional.empty();
  }
}
