package io.dataplatform.lakehouse.write;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.TableProperties;

/**
 * The compression of the Parquet files written for a table, from its Iceberg properties: {@code
 * write.parquet.compression-codec} and {@code write.parquet.compression-level} for data files,
 * {@code write.delete.parquet.compression-*} for delete files (the data files' when unset). A table
 * that names no codec gets zstd, Iceberg's default; zstd without a level gets level {@value
 * #DEFAULT_ZSTD_LEVEL}.
 *
 * <p>Tables the platform creates name their codec: those created by SQL (and so by transformations)
 * and by keyed loads {@link #SCANNED_TABLES snappy}, the fastest to read; those created by bulk
 * loads {@link #BULK_TABLES zstd level 1}, which writes text as fast as snappy or faster and about
 * half as large.
 */
public final class ParquetCompression {
  /** The zstd level used when the table names none. */
  public static final int DEFAULT_ZSTD_LEVEL = 1;

  /** The properties of tables created by SQL statements and by keyed loads. */
  public static final Map<String, String> SCANNED_TABLES =
      Map.of(TableProperties.PARQUET_COMPRESSION, "snappy");

  /** The properties of tables created by full-refresh and append loads. */
  public static final Map<String, String> BULK_TABLES =
      Map.of(
          TableProperties.PARQUET_COMPRESSION,
          "zstd",
          TableProperties.PARQUET_COMPRESSION_LEVEL,
          String.valueOf(DEFAULT_ZSTD_LEVEL));

  private static final Set<String> CODECS =
      Set.of("zstd", "snappy", "gzip", "lz4", "lz4_raw", "brotli", "uncompressed");

  private ParquetCompression() {}

  /**
   * The {@code COPY … (FORMAT parquet …)} options for a table's data files, with a leading comma.
   */
  public static String dataOptions(String table, Map<String, String> properties) {
    return dataCodec(table, properties).options();
  }

  /**
   * The {@code COPY … (FORMAT parquet …)} options for a table's delete files, with a leading comma.
   */
  public static String deleteOptions(String table, Map<String, String> properties) {
    String codec = properties.get(TableProperties.DELETE_PARQUET_COMPRESSION);
    if (codec == null) {
      return dataOptions(table, properties);
    }
    return options(
        table,
        TableProperties.DELETE_PARQUET_COMPRESSION,
        codec,
        TableProperties.DELETE_PARQUET_COMPRESSION_LEVEL,
        properties.get(TableProperties.DELETE_PARQUET_COMPRESSION_LEVEL));
  }

  /**
   * Checks that the writers could write the Parquet files of a table with {@code properties}.
   *
   * @throws DpException naming the property when a codec or level could not be written
   */
  public static void check(String table, Map<String, String> properties) {
    dataOptions(table, properties);
    deleteOptions(table, properties);
  }

  /** A codec by its DuckDB name, and its level ({@code 0} when the codec takes none). */
  record Codec(String name, int level) {
    /** The {@code COPY … (FORMAT parquet …)} options, with a leading comma. */
    String options() {
      // DuckDB takes a level for zstd only; the other codecs use their own default
      return level == 0
          ? ", COMPRESSION " + name
          : ", COMPRESSION " + name + ", COMPRESSION_LEVEL " + level;
    }
  }

  /**
   * The codec of a table's data files.
   *
   * @throws DpException naming the property when a codec or level could not be written
   */
  static Codec dataCodec(String table, Map<String, String> properties) {
    return codec(
        table,
        TableProperties.PARQUET_COMPRESSION,
        properties.get(TableProperties.PARQUET_COMPRESSION),
        TableProperties.PARQUET_COMPRESSION_LEVEL,
        properties.get(TableProperties.PARQUET_COMPRESSION_LEVEL));
  }

  private static String options(
      String table, String codecProperty, String codecValue, String levelProperty, String level) {
    return codec(table, codecProperty, codecValue, levelProperty, level).options();
  }

  private static Codec codec(
      String table, String codecProperty, String codecValue, String levelProperty, String level) {
    String codec =
        codecValue == null ? "zstd" : codecValue.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    if (codec.equals("none")) {
      codec = "uncompressed";
    }
    if (!CODECS.contains(codec)) {
      throw new DpException(
          StandardErrorCode.INVALID_ARGUMENT,
          "Cannot write Parquet files of table "
              + table
              + ": its property "
              + codecProperty
              + " asks for '"
              + codecValue
              + "', which the platform cannot write; set it to zstd, snappy, gzip, lz4, brotli or"
              + " uncompressed");
    }
    if (!codec.equals("zstd")) {
      return new Codec(codec, 0);
    }
    return new Codec(codec, zstdLevel(table, levelProperty, level));
  }

  private static int zstdLevel(String table, String property, String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_ZSTD_LEVEL;
    }
    try {
      int level = Integer.parseInt(value.trim());
      if (level >= 1 && level <= 22) {
        return level;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new DpException(
        StandardErrorCode.INVALID_ARGUMENT,
        "Cannot write Parquet files of table "
            + table
            + ": its property "
            + property
            + " is '"
            + value
            + "'; a zstd level is a whole number from 1 to 22");
  }
}
