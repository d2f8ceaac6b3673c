package io.dataplatform.lakehouse.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dataplatform.api.DpException;
import io.dataplatform.api.SourcePosition;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.lakehouse.io.ObjectVersion;
import io.dataplatform.lakehouse.io.StatementFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.io.FileIO;
import org.junit.jupiter.api.Test;

class TestExternalFiles {
  /** Objects by location or pattern; the local copy of s3://s/k is /cache/k. */
  private static final class FakeFiles implements StatementFiles {
    private final Map<String, List<String>> objects;
    final List<String> finds = new ArrayList<>();
    final List<List<ObjectVersion>> reads = new ArrayList<>();

    FakeFiles(Map<String, List<String>> objects) {
      this.objects = objects;
    }

    @Override
    public List<ObjectVersion> findObjects(String location) {
      finds.add(location);
      List<String> found = objects.get(location);
      if (found == null) {
        throw new DpException(
            StandardErrorCode.NOT_FOUND, "Cannot read " + location + ": no such object");
      }
      return found.stream().map(l -> new ObjectVersion(l, "\"e\"", 1)).toList();
    }

    @Override
    public List<String> readableObjects(List<ObjectVersion> versions) {
      reads.add(versions);
      return versions.stream()
          .map(v -> "/cache/" + v.location().substring(v.location().indexOf('/', 5) + 1))
          .toList();
    }

    @Override
    public String readable(String location, long sizeBytes) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Path staging(String location) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String publish(FileIO io, Path staged, String location) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }

  private static FakeFiles files() {
    return new FakeFiles(
        Map.of(
            "s3://s/a.parquet", List.of("s3://s/a.parquet"),
            "s3://s/*.csv", List.of("s3://s/x.csv", "s3://s/it's.csv"),
            "s3://s/one*.csv", List.of("s3://s/one.csv")));
  }

  private static RelationBinder.BoundSql bound(String sql) {
    return new RelationBinder.BoundSql(sql, List.of(), offset -> offset, Set.of());
  }

  private static RelationBinder.BoundSql resolve(String sql, FakeFiles files) {
    return ExternalFiles.resolve(bound(sql), files, sql, offset -> offset);
  }

  @Test
  void replacesS3FileArgumentsByLocalCopies() {
    assertEquals(
        "SELECT * FROM read_parquet('/cache/a.parquet')",
        resolve("SELECT * FROM read_parquet('s3://s/a.parquet')", files()).sql());
    assertEquals(
        "SELECT * FROM read_csv(['/cache/x.csv', '/cache/it''s.csv'], header = true)",
        resolve("SELECT * FROM read_csv('s3://s/*.csv', header = true)", files()).sql(),
        "a glob becomes the list of its matches");
    assertEquals(
        "SELECT * FROM read_csv('/cache/one.csv')",
        resolve("SELECT * FROM read_csv('s3://s/one*.csv')", files()).sql());
    assertEquals(
        "FROM read_csv(['/cache/a.parquet', '/cache/x.csv', '/cache/it''s.csv', 'local.csv'])",
        resolve("FROM read_csv(['s3://s/a.parquet', 's3://s/*.csv', 'local.csv'])", files()).sql(),
        "list elements are spliced in place");
  }

  @Test
  void leavesOtherTextUntouched() {
    FakeFiles files = new FakeFiles(Map.of());
    String sql = "SELECT 's3://s/a.parquet', * FROM read_csv('local.csv', sep = 's3://x')";
    RelationBinder.BoundSql original = bound(sql);
    assertEquals(original, ExternalFiles.resolve(original, files, sql, offset -> offset));
    assertEquals(List.of(), files.finds);
  }

  @Test
  void findsEachLocationOnceAndFetchesAllObjectsTogether() {
    FakeFiles files = files();
    resolve(
        "SELECT * FROM read_parquet('s3://s/a.parquet') UNION ALL"
            + " SELECT * FROM parquet_scan(['s3://s/a.parquet', 's3://s/*.csv'])",
        files);
    assertEquals(List.of("s3://s/a.parquet", "s3://s/*.csv"), files.finds);
    assertEquals(1, files.reads.size());
    assertEquals(
        List.of("s3://s/a.parquet", "s3://s/x.csv", "s3://s/it's.csv"),
        files.reads.get(0).stream().map(ObjectVersion::location).toList());
  }

  @Test
  void mapsPositionsBackToTheOriginalText() {
    String original = "SELECT *  FROM   ns.t, read_parquet('s3://s/a.parquet') WHERE x = 1";
    String afterBinding =
        "SELECT * FROM \"ns\".\"t\", read_parquet('s3://s/a.parquet') WHERE x = 1";
    // the binder's mapping; the test needs it right at and after the literal only
    int bindShift = original.indexOf("read_parquet") - afterBinding.indexOf("read_parquet");
    RelationBinder.BoundSql bound =
        new RelationBinder.BoundSql(
            afterBinding, List.of(), offset -> offset + bindShift, Set.of());
    RelationBinder.BoundSql resolved =
        ExternalFiles.resolve(bound, files(), original, bound.toOriginal());
    String sql = resolved.sql();
    assertEquals(original.indexOf("x = 1"), resolved.toOriginal().applyAsInt(sql.indexOf("x = 1")));
    assertEquals(
        original.indexOf("'s3://"),
        resolved.toOriginal().applyAsInt(sql.indexOf("/cache/a.parquet")),
        "inside a replaced literal: the literal's start");
  }

  @Test
  void reportsFailuresAtTheLiteral() {
    String sql = "SELECT *\n  FROM read_csv('s3://s/missing.csv')";
    DpException error = assertThrows(DpException.class, () -> resolve(sql, files()));
    assertEquals("Cannot read s3://s/missing.csv: no such object", error.getMessage());
    assertEquals(StandardErrorCode.NOT_FOUND, error.code());
    assertEquals(Optional.of(new SourcePosition(2, 17)), error.position());
  }
}
