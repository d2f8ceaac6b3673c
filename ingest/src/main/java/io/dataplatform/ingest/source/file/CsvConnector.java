package io.dataplatform.ingest.source.file;

/** CSV files from an import directory or an S3 bucket (type {@code csv}). */
public final class CsvConnector extends FileConnector {
  public CsvConnector() {
    super(FileFormat.CSV);
  }
}
