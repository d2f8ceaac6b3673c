package io.dataplatform.ingest.source.file;

/** JSON files from an import directory or an S3 bucket (type {@code json}). */
public final class JsonConnector extends FileConnector {
  public JsonConnector() {
    super(FileFormat.JSON);
  }
}
