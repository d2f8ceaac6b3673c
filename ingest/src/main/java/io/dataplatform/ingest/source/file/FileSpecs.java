package io.dataplatform.ingest.source.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataplatform.api.connector.ConnectorSpec;

/** The configuration schemas of the file connectors. */
final class FileSpecs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FileSpecs() {}

  static ConnectorSpec spec(FileFormat format) {
    ObjectNode schema = JSON.createObjectNode();
    schema.put("type", "object");
    schema.put("title", format.title());
    ObjectNode properties = schema.putObject("properties");
    string(
        properties,
        "stream",
        "Name of the stream the files form (default: the last folder of path or prefix)");
    string(
        properties, "path", "Directory inside an import directory (absolute or relative to one)");
    string(properties, "bucket", "S3 bucket (instead of path)");
    string(properties, "prefix", "Key prefix in the bucket");
    string(properties, "glob", "Files to read, relative to path or prefix")
        .put("default", format.defaultGlob());
    string(properties, "endpoint", "External S3 endpoint URL (default: the platform's own store)");
    string(properties, "region", "S3 region").put("default", "us-east-1");
    string(properties, "access_key", "Access key of the external S3 store");
    string(properties, "secret_key", "Secret key of the external S3 store").put("secret", true);
    properties
        .putObject("path_style")
        .put("type", "boolean")
        .put("default", true)
        .put("description", "Path-style S3 addressing (MinIO and most S3-compatible stores)");
    properties
        .putObject("primary_key")
        .put("type", "array")
        .put("description", "Columns that identify a row, for incremental_dedup")
        .putObject("items")
        .put("type", "string");
    properties
        .putObject("columns")
        .put("type", "object")
        .put("description", "Column types overriding inference, e.g. {amount: decimal(12,2)}");
    properties
        .putObject("sample_rows")
        .put("type", "integer")
        .put("default", 20480)
        .put("description", "Rows read to infer column types");
    if (format == FileFormat.CSV) {
      csv(properties);
    }
    if (format == FileFormat.JSON) {
      string(
              properties,
              "json_format",
              "auto, array (a JSON array of objects) or ndjson (one object a line)")
          .put("default", "auto");
    }
    schema.putArray("required");
    return new ConnectorSpec(format.title(), schema.toPrettyString(), documentation(format));
  }

  private static void csv(ObjectNode properties) {
    string(properties, "delimiter", "Field separator; \\t or tab for tabs").put("default", ",");
    string(properties, "quote", "Quote character").put("default", "\"");
    string(properties, "escape", "Escape character inside quotes").put("default", "\"");
    properties
        .putObject("header")
        .put("type", "boolean")
        .put("default", true)
        .put("description", "Whether the first line names the columns");
    properties
        .putObject("column_names")
        .put("type", "array")
        .put("description", "Column names when the files have no header")
        .putObject("items")
        .put("type", "string");
    string(properties, "encoding", "Character encoding of the files").put("default", "UTF-8");
    properties
        .putObject("skip_rows")
        .put("type", "integer")
        .put("default", 0)
        .put("description", "Lines to skip at the start of each file");
    properties
        .putObject("null_values")
        .put("type", "array")
        .put("description", "Texts read as NULL (default: the empty field)")
        .putObject("items")
        .put("type", "string");
    ObjectNode onError =
        string(properties, "on_error", "fail: stop at a malformed line; skip: skip and count it");
    onError.put("default", "fail");
    onError.putArray("enum").add("fail").add("skip");
  }

  private static ObjectNode string(ObjectNode properties, String name, String description) {
    ObjectNode property = properties.putObject(name);
    property.put("type", "string");
    property.put("description", description);
    return property;
  }

  private static String documentation(FileFormat format) {
    return format.title()
        + " matching a glob under a directory of the platform's import directories (path) or an"
        + " S3 prefix (bucket, prefix) on the platform's store or an external one (endpoint)."
        + " The files form one stream with the columns _dp_file and _dp_file_modified added;"
        + " incremental syncs read new and changed files.";
  }
}
