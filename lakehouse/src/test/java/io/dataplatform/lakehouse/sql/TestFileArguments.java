package io.dataplatform.lakehouse.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestFileArguments {
  /** Each found literal as function:value, with [] around list elements. */
  private static List<String> found(String sql) {
    return FileArguments.find(SqlTokenizer.tokenize(sql)).stream()
        .map(f -> f.function() + ":" + (f.inList() ? "[" + f.value() + "]" : f.value()))
        .toList();
  }

  @Test
  void findsTheFirstArgumentOfFileFunctions() {
    assertEquals(
        List.of("read_parquet:s3://s/a.parquet"),
        found("SELECT * FROM read_parquet('s3://s/a.parquet')"));
    assertEquals(
        List.of("read_csv:s3://s/*.csv"),
        found("SELECT count(*) FROM READ_CSV ( 's3://s/*.csv' , header = true, sep = ',')"));
    assertEquals(
        List.of("parquet_scan:a", "read_json_auto:b", "read_ndjson:c", "read_text:d"),
        found(
            "SELECT * FROM parquet_scan('a'), read_json_auto('b') JOIN read_ndjson('c') ON true"
                + " WHERE x IN (SELECT content FROM read_text('d'))"));
    assertEquals(
        List.of("read_blob:it's"), found("SELECT * FROM read_blob('it''s')"), "quotes unescaped");
  }

  @Test
  void findsEachElementOfAListOfLiterals() {
    assertEquals(
        List.of("read_csv:[s3://s/a.csv]", "read_csv:[s3://s/b*.csv]"),
        found("SELECT * FROM read_csv(['s3://s/a.csv', 's3://s/b*.csv'], header = true)"));
    assertEquals(List.of("read_json:[x]"), found("FROM read_json(['x'])"));
  }

  @Test
  void leavesOtherStringsAlone() {
    assertEquals(List.of(), found("SELECT 's3://s/a.parquet'"));
    assertEquals(
        List.of(), found("SELECT * FROM read_csv(\"s3://s/a.csv\")"), "an identifier, not a file");
    assertEquals(
        List.of("read_csv:a"),
        found("SELECT * FROM read_csv('a', sep = 's3://x', names = ['s3://y'])"),
        "only the first argument names files");
    assertEquals(List.of(), found("SELECT * FROM read_csv('s3://s/' || 'a.csv')"));
    assertEquals(List.of(), found("SELECT * FROM read_csv(['s3://s/a', lower('B')])"));
    assertEquals(List.of(), found("SELECT * FROM read_csv(['s3://s/a'] || ['b'])"));
    assertEquals(List.of(), found("SELECT read_csv FROM t WHERE read_csv = 's3://s/a'"));
    assertEquals(List.of(), found("SELECT * FROM s.read_csv('s3://s/a')"), "a qualified name");
    assertEquals(List.of(), found("SELECT * FROM my_read_csv('s3://s/a')"));
    assertEquals(List.of(), found("-- read_csv('s3://s/a')\nSELECT 1"));
    assertEquals(List.of(), found("SELECT * FROM read_csv("));
  }
}
