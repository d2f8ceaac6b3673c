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

  /**
   * Whether a heartbeat's offset, reached while the chosen tables saw no change, is far enough past
   * the last checkpointed one to be checkpointed (and so committed) itself: only when the source
   * can then release log it would otherwise keep for this reader, so an idle stream does not add an
   * empty snapshot to its table at every heartbeat.
   */
  boolean heartbeatWorthCheckpoint(Map<String, ?> checkpointed, Map<String, ?> heartbeat);

  /** Zero-padded lower-case hex, so numbers compare in string order. */
  static String hex(long value) {
    char[] text = new char[16];
    appendHex(value, text, 0);
    return new String(text);
  }

  /** Two numbers as {@link #hex} gives them, one after the other, in one string. */
  static String hex(long first, long second) {
    char[] text = new char[32];
    appendHex(first, text, 0);
    appendHex(second, text, 16);
    return new String(text);
  }

  private static void appendHex(long value, char[] text, int offset) {
    long rest = value;
    for (int index = offset + 15; index >= offset; index--) {
      text[index] = Character.forDigit((int) (rest & 0xf), 16);
      rest >>>= 4;
    }
  }
}
