package io.dataplatform.ingest.source.file;

/** The file formats the file connectors read, with their connector type and default glob. */
public enum FileFormat {
  CSV("csv", "CSV files", "**.{csv,tsv,txt,csv.gz}"),
  JSON("json", "JSON files", "**.{json,jsonl,ndjson,json.gz,jsonl.gz,ndjson.gz}"),
  PARQUET("parquet", "Parquet files", "**.parquet");

  private final String type;
  private final String title;
  private final String defaultGlob;

  FileFormat(String type, String title, String defaultGlob) {
    this.type = type;
    this.title = title;
    this.defaultGlob = defaultGlob;
  }

  /** The connector type name. */
  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  /** The glob used when the configuration names none. */
  public String defaultGlob() {
    return defaultGlob;
  }
}
