package io.dataplatform.lakehouse.io;

/** Where the lakehouse keeps its tables' data and metadata: a local directory or an S3 location. */
public sealed interface Warehouse permits LocalWarehouse, S3Warehouse {
  /** The warehouse location Iceberg records, e.g. {@code /data/warehouse} or {@code s3://b/p}. */
  String location();
}
