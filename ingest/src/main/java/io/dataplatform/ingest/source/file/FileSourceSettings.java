package io.dataplatform.ingest.source.file;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.ConnectorContext.S3Access;
import io.dataplatform.api.connector.DataType;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration of a file source, read once from the connection.
 *
 * @param stream the name of the one stream the files form
 * @param columnTypes user overrides of inferred types, by column name
 * @param csv CSV parsing options (ignored for other formats)
 * @param jsonFormat {@code auto}, {@code array} or {@code newline_delimited}
 */
public record FileSourceSettings(
    FileFormat format,
    String stream,
    Location location,
    String glob,
    Map<String, DataType> columnTypes,
    List<String> primaryKey,
    CsvOptions csv,
    String jsonFormat) {
  /** Where the files are. */
  public sealed interface Location {}

  /** A directory in the platform's import directories. */
  public record LocalLocation(String path) implements Location {}

  /** A bucket and prefix on an S3 endpoint. */
  public record S3Location(S3Access access, boolean pathStyle, String bucket, String prefix)
      implements Location {}

  public FileSourceSettings {
    requireNonNull(format, "format");
    requireNonNull(stream, "stream");
    requireNonNull(location, "location");
    requireNonNull(glob, "glob");
    columnTypes = Map.copyOf(columnTypes);
    primaryKey = List.copyOf(primaryKey);
    requireNonNull(csv, "csv");
    requireNonNull(jsonFormat, "jsonFormat");
  }

  /** Reads and validates the configuration of a file connector of this format. */
  public static FileSourceSettings of(FileFormat format, ConnectorConfig config) {
    Location location = location(config);
    String base =
        location instanceof S3Location s3
            ? (s3.prefix().isEmpty() ? s3.bucket() : s3.prefix())
            : ((LocalLocation) location).path();
    String stream = config.optionalString("stream").orElseGet(() -> defaultStream(base, format));
    String jsonFormat = config.string("json_format", "auto").toLowerCase(Locale.ROOT);
    jsonFormat =
        jsonFormat.equals("ndjson") || jsonFormat.equals("jsonl")
            ? "newline_delimited"
            : jsonFormat;
    if (!List.of("auto", "array", "newline_delimited").contains(jsonFormat)) {
      throw invalid(config, "json_format must be auto, array or ndjson (" + jsonFormat + ")");
    }
    return new FileSourceSettings(
        format,
        stream,
        location,
        config.string("glob", format.defaultGlob()),
        columnTypes(config),
        config.list("primary_key").stream().map(String::valueOf).toList(),
        CsvOptions.of(config),
        jsonFormat);
  }

  private static Location location(ConnectorConfig config) {
    if (config.has("bucket")) {
      if (config.has("path")) {
        throw invalid(config, "give either 'bucket' (S3) or 'path' (import directory), not both");
      }
      return new S3Location(
          access(config),
          config.flag("path_style", true),
          config.string("bucket"),
          config.string("prefix", ""));
    }
    if (!config.has("path")) {
      throw invalid(
          config, "give 'bucket' (and 'prefix') for S3 or 'path' for an import directory");
    }
    return new LocalLocation(config.string("path"));
  }

  private static S3Access access(ConnectorConfig config) {
    Optional<String> endpoint = config.optionalString("endpoint");
    if (endpoint.isEmpty()) {
      return config
          .context()
          .platformS3()
          .orElseThrow(
              () ->
                  invalid(
                      config,
                      "no 'endpoint' is given and the platform has no object store of its own"));
    }
    URI uri;
    try {
      uri = URI.create(endpoint.get());
    } catch (IllegalArgumentException e) {
      throw invalid(config, "the endpoint is not a URL (" + endpoint.get() + ")");
    }
    return new S3Access(
        uri,
        config.string("region", "us-east-1"),
        config.string("access_key"),
        config.string("secret_key"));
  }

  private static Map<String, DataType> columnTypes(ConnectorConfig config) {
    Map<String, DataType> types = new LinkedHashMap<>();
    ConnectorConfig columns = config.object("columns");
    for (String name : columns.values().keySet()) {
      types.put(name, TypeNames.parse(columns.string(name)));
    }
    return types;
  }

  private static String defaultStream(String base, FileFormat format) {
    String[] parts = base.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      String name = parts[i].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
      name = name.replaceAll("^_+|_+$", "");
      if (!name.isEmpty()) {
        return name;
      }
    }
    return format.type();
  }

  private static DpException invalid(ConnectorConfig config, String reason) {
    return new DpException(
        StandardErrorCode.INVALID_CONFIGURATION,
        "Cannot configure " + config.type() + " source: " + reason);
  }

  /** Opens the store the files live in. */
  public FileStore openStore(ConnectorConfig config) {
    if (location instanceof S3Location s3) {
      return S3FileStore.open(s3.access(), s3.pathStyle(), s3.bucket(), s3.prefix(), glob);
    }
    return LocalFileStore.open(
        config.type(),
        ((LocalLocation) location).path(),
        glob,
        config.context().importDirectories());
  }
}
