package io.dataplatform.ingest.source.file;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.ConnectorConfig;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;

/**
 * How CSV files are parsed.
 *
 * @param columnNames the names of the columns when the files have no header; empty: from the
 *     header, or {@code column0}, {@code column1}, … without one
 * @param nullValues the texts read as NULL (an empty unquoted field by default)
 * @param skipRows lines skipped at the start of each file, before the header
 * @param sampleRows rows read to infer the column types
 */
public record CsvOptions(
    String delimiter,
    String quote,
    String escape,
    boolean header,
    List<String> columnNames,
    Charset encoding,
    int skipRows,
    List<String> nullValues,
    int sampleRows,
    OnError onError) {
  /** What a malformed line does. */
  public enum OnError {
    /** Stops the read with an error naming the file and line. */
    FAIL,
    /** Skips the line and counts it. */
    SKIP
  }

  public CsvOptions {
    requireNonNull(delimiter, "delimiter");
    requireNonNull(quote, "quote");
    requireNonNull(escape, "escape");
    columnNames = List.copyOf(columnNames);
    requireNonNull(encoding, "encoding");
    nullValues = List.copyOf(nullValues);
    requireNonNull(onError, "onError");
  }

  /** Reads the options from a connection's configuration, with RFC 4180 defaults. */
  public static CsvOptions of(ConnectorConfig config) {
    String delimiter = config.string("delimiter", ",");
    if ("\\t".equals(delimiter) || "tab".equalsIgnoreCase(delimiter)) {
      delimiter = "\t";
    }
    if (delimiter.isEmpty()) {
      throw invalid(config, "the delimiter is empty");
    }
    List<String> nullValues =
        config.has("null_values") && !(config.values().get("null_values") instanceof List)
            ? List.of(config.string("null_values"))
            : config.list("null_values").stream().map(String::valueOf).toList();
    String onError = config.string("on_error", "fail");
    if (!onError.equals("fail") && !onError.equals("skip")) {
      throw invalid(config, "on_error must be fail or skip (" + onError + ")");
    }
    return new CsvOptions(
        delimiter,
        config.string("quote", "\""),
        config.string("escape", "\""),
        config.flag("header", true),
        config.list("column_names").stream().map(String::valueOf).toList(),
        charset(config),
        config.integer("skip_rows", 0),
        nullValues.isEmpty() ? List.of("") : nullValues,
        Math.max(1, config.integer("sample_rows", 20_480)),
        onError.equals("skip") ? OnError.SKIP : OnError.FAIL);
  }

  private static Charset charset(ConnectorConfig config) {
    String name = config.string("encoding", "UTF-8");
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw invalid(config, "unknown encoding (" + name + ")");
    }
  }

  /** Whether files must be transcoded to UTF-8 before DuckDB parses them. */
  public boolean needsTranscoding() {
    return !encoding.equals(StandardCharsets.UTF_8) && !encoding.equals(StandardCharsets.US_ASCII);
  }

  private static DpException invalid(ConnectorConfig config, String reason) {
    return new DpException(
        StandardErrorCode.INVALID_CONFIGURATION,
        "Cannot configure " + config.type() + " source: " + reason);
  }
}
