package io.dataplatform.ingest.source.file;

/** PARQUET files from an import directory or an S3 bucket (type {@code parquet}). */
public final class ParquetConnector extends FileConnector {
  public ParquetConnector() {
    super(FileFormat.PARQUET);
  }
}
