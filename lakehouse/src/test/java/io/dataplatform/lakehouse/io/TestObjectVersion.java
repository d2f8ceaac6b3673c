package io.dataplatform.lakehouse.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TestObjectVersion {
  private static String suffix(String location) {
    return new ObjectVersion(location, "\"e\"", 1).suffix();
  }

  @Test
  void keepsTheEndingsReadersLookAt() {
    assertEquals(".parquet", suffix("s3://b/tpch/lineitem.parquet"));
    assertEquals(".csv.gz", suffix("s3://b/landing/2026-01.CSV.GZ"));
    assertEquals(".json", suffix("s3://b/v1.2/x.json"));
    assertEquals(".tar.gz", suffix("s3://b/a.b.tar.gz"));
    assertEquals("", suffix("s3://b/noending"));
    assertEquals("", suffix("s3://b/.hidden"));
    assertEquals(".csv", suffix("s3://b/weird name!.csv"));
    assertEquals("", suffix("s3://b/x.tóo"));
  }

  @Test
  void versionsOfOneLocationHaveDifferentKeys() {
    ObjectVersion first = new ObjectVersion("s3://b/k", "\"1\"", 10);
    assertNotEquals(first.cacheKey(), new ObjectVersion("s3://b/k", "\"2\"", 10).cacheKey());
    assertNotEquals(first.cacheKey(), new ObjectVersion("s3://b/k", "\"1\"", 11).cacheKey());
    assertEquals(first.cacheKey(), new ObjectVersion("s3://b/k", "\"1\"", 10).cacheKey());
  }

  @Test
  void refusesNegativeSizes() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> new ObjectVersion("s3://b/k", "e", -1));
    assertEquals("Cannot describe object: negative size (s3://b/k, -1)", error.getMessage());
  }
}
