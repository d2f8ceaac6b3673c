package io.dataplatform.ingest.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;

/** How a stream's next page is requested. */
public sealed interface Pagination {
  /** One request, one page. */
  record None() implements Pagination {}

  /**
   * A page number parameter, from {@code start}, until a page has fewer records than {@code size}
   * (or none, when no size is set).
   */
  record PageNumber(String param, int start, String sizeParam, int size) implements Pagination {}

  /** Offset and limit parameters, until a page has fewer records than {@code limit}. */
  record Offset(String offsetParam, String limitParam, int limit) implements Pagination {}

  /**
   * A token or URL found in the response at {@code path}: a full URL is requested as is, anything
   * else is sent as {@code param}; no token ends the stream.
   */
  record Cursor(JsonPath path, String param) implements Pagination {}

  /** The {@code Link} header's {@code rel="next"} URL (RFC 8288). */
  record LinkHeader() implements Pagination {}

  /** Reads {@code pagination:} of a definition; absent means {@link None}. */
  static Pagination of(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return new None();
    }
    String type = node.path("type").asText("none");
    return switch (type) {
      case "none" -> new None();
      case "page_number", "page" ->
          new PageNumber(
              node.path("param").asText("page"),
              node.path("start").asInt(1),
              node.path("size_param").asText(""),
              node.path("size").asInt(0));
      case "offset", "offset_limit" ->
          new Offset(
              node.path("offset_param").asText("offset"),
              node.path("limit_param").asText("limit"),
              node.path("limit").asInt(100));
      case "cursor" ->
          new Cursor(
              JsonPath.parse(required(node, "cursor_path", type)),
              node.path("param").asText("cursor"));
      case "link_header", "link" -> new LinkHeader();
      default ->
          throw new DpException(
              StandardErrorCode.INVALID_CONFIGURATION,
              "Cannot read API definition: unknown pagination type ("
                  + type
                  + "); use none, page_number, offset, cursor or link_header");
    };
  }

  private static String required(JsonNode node, String field, String type) {
    String value = node.path(field).asText("");
    if (value.isEmpty()) {
      throw new DpException(
          StandardErrorCode.INVALID_CONFIGURATION,
          "Cannot read API definition: " + type + " pagination needs '" + field + "'");
    }
    return value;
  }
}
