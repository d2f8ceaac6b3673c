package io.dataplatform.ingest.cdc;

import java.util.Map;
import org.apache.kafka.connect.data.Struct;

/** What differs between the databases the Debezium reader follows. */
interface CdcFlavor {
  /** The connector type, for messages ({@code postgres}, {@code mariadb}). */
  String type();

  /** The table a change belongs to, as {@code schema.table} or {@code database.table}. */
  String table(Struct source);

  /**
   * The source position of a change without its tie-breaker: changes in source (commit) order have
   * non-decreasing values in string order. Snapshot rows sort before every streamed change.
   */
  String position(Struct source, Map<String, ?> offset, boolean snapshot);

  /** Zero-padded lower-case hex, so numbers compare in string order. */
  static String hex(long value) {
    String digits = Long.toHexString(value);
    return "0".repeat(16 - digits.length()) + digits;
  }
}
