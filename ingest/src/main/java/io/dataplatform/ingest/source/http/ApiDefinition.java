package io.dataplatform.ingest.source.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.ingest.source.file.TypeNames;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A declarative HTTP API: where it is and which resources become streams.
 *
 * @param headers sent with every request
 */
public record ApiDefinition(
    URI baseUrl, Map<String, String> headers, List<StreamDefinition> streams) {
  /**
   * One stream: a resource path, its records and how to page through it.
   *
   * @param params query parameters of every request
   * @param records selects the records in a response ({@code $} when the body is the array)
   * @param columns declared columns; empty: inferred from the first page
   * @param incremental the cursor, when the stream reads incrementally
   */
  public record StreamDefinition(
      String name,
      String path,
      Map<String, String> params,
      JsonPath records,
      List<String> primaryKey,
      Map<String, DataType> columns,
      Pagination pagination,
      Optional<Incremental> incremental) {
    public StreamDefinition {
      requireNonNull(name, "name");
      requireNonNull(path, "path");
      params = Map.copyOf(params);
      requireNonNull(records, "records");
      primaryKey = List.copyOf(primaryKey);
      columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
      requireNonNull(pagination, "pagination");
      requireNonNull(incremental, "incremental");
    }
  }

  /**
   * An incremental cursor.
   *
   * @param cursorField the record field holding the cursor
   * @param param the request parameter that receives the stored cursor; empty: records are filtered
   *     after reading only
   * @param start the value sent before the first sync; empty: the parameter is left out
   * @param sorted whether the API returns records in ascending cursor order, which allows a
   *     checkpoint after every page
   */
  public record Incremental(
      String cursorField, Optional<String> param, Optional<String> start, boolean sorted) {}

  public ApiDefinition {
    requireNonNull(baseUrl, "baseUrl");
    headers = Map.copyOf(headers);
    streams = List.copyOf(streams);
  }

  /**
   * Reads a definition from its JSON tree (parsed from YAML); {@code baseUrl} overrides its own.
   */
  public static ApiDefinition of(JsonNode node, Optional<String> baseUrl) {
    String base = baseUrl.orElseGet(() -> node.path("base_url").asText(""));
    if (base.isEmpty()) {
      throw invalid("the base_url is missing");
    }
    URI uri;
    try {
      uri = URI.create(base);
    } catch (IllegalArgumentException e) {
      throw invalid("the base_url is not a URL (" + base + ")");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw invalid("the base_url must be an http or https URL (" + base + ")");
    }
    JsonNode defaults = node.path("pagination");
    List<StreamDefinition> streams = new ArrayList<>();
    for (JsonNode stream : node.path("streams")) {
      streams.add(stream(stream, defaults));
    }
    if (streams.isEmpty()) {
      throw invalid("it declares no streams");
    }
    return new ApiDefinition(uri, strings(node.path("headers")), streams);
  }

  private static StreamDefinition stream(JsonNode node, JsonNode defaultPagination) {
    String name = node.path("name").asText("");
    if (name.isEmpty()) {
      throw invalid("a stream has no name");
    }
    Map<String, DataType> columns = new LinkedHashMap<>();
    node.path("columns")
        .fields()
        .forEachRemaining(
            field -> columns.put(field.getKey(), TypeNames.parse(field.getValue().asText())));
    List<String> key = new ArrayList<>();
    JsonNode primaryKey = node.path("primary_key");
    if (primaryKey.isTextual()) {
      key.add(primaryKey.asText());
    } else {
      primaryKey.forEach(column -> key.add(column.asText()));
    }
    JsonNode incremental = node.path("incremental");
    Optional<Incremental> cursor = Optional.empty();
    if (incremental.isObject()) {
      String field = incremental.path("cursor_field").asText("");
      if (field.isEmpty()) {
        throw invalid("the incremental section of stream " + name + " needs cursor_field");
      }
      cursor =
          Optional.of(
              new Incremental(
                  field,
                  text(incremental, "param"),
                  text(incremental, "start"),
                  incremental.path("sorted").asBoolean(false)));
    }
    JsonNode pagination = node.has("pagination") ? node.get("pagination") : defaultPagination;
    return new StreamDefinition(
        name,
        node.path("path").asText(""),
        strings(node.path("params")),
        JsonPath.parse(node.path("records").asText("$")),
        key,
        columns,
        Pagination.of(pagination),
        cursor);
  }

  private static Optional<String> text(JsonNode node, String field) {
    String value = node.path(field).asText("");
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> values = new LinkedHashMap<>();
    node.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
    return values;
  }

  private static DpException invalid(String reason) {
    return new DpException(
        StandardErrorCode.INVALID_CONFIGURATION, "Cannot read API definition: " + reason);
  }

  /** The stream of this name. */
  public StreamDefinition stream(String name) {
    return streams.stream()
        .filter(stream -> stream.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new DpException(
                    StandardErrorCode.INVALID_ARGUMENT,
                    "Cannot read HTTP stream: the API definition has no stream "
                        + name
                        + " (streams "
                        + streams.stream().map(StreamDefinition::name).toList()
                        + ")"));
  }
}
