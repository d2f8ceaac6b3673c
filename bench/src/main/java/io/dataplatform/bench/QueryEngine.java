package io.dataplatform.bench;

import java.util.List;

/** Something that runs a query and returns all its rows. */
interface QueryEngine extends AutoCloseable {
  /** The name printed in reports. */
  String name();

  /** The schema (with catalog, where the engine needs one) that holds the TPC-H tables. */
  String tpchSchema();

  /** Runs {@code sql} and reads every row of its result. */
  List<List<Object>> execute(String sql) throws Exception;
}
