package io.dataplatform.lakehouse.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestS3Pattern {
  private static final List<String> KEYS =
      List.of(
          "landing/2026-01.csv",
          "landing/2026-02.csv",
          "landing/2025-12.csv",
          "landing/2026-1.csv",
          "landing/archive/2026-03.csv",
          "landing/archive/old/2026-04.csv",
          "landing/2026-01.csv.gz",
          "events/a.json",
          "events/2026/b.json",
          "events/2026/01/c.json",
          "events/2026/01/c.txt");

  private static List<String> matches(String location) {
    S3Pattern pattern = S3Pattern.parse(location);
    return KEYS.stream()
        .filter(key -> key.startsWith(pattern.listPrefix()))
        .filter(pattern::matches)
        .toList();
  }

  @Test
  void splitsBucketAndKey() {
    S3Pattern pattern = S3Pattern.parse("s3://staging/tpch/lineitem.parquet");
    assertEquals("staging", pattern.bucket());
    assertEquals("tpch/lineitem.parquet", pattern.key());
    assertFalse(pattern.hasWildcards());
    assertEquals("tpch/lineitem.parquet", pattern.listPrefix());
    assertEquals("s3://staging/a/b", pattern.locationOf("a/b"));
    assertEquals("staging", S3Pattern.parse("S3://staging/x").bucket());
  }

  @Test
  void listsFromTheLongestLiteralPrefix() {
    assertEquals("landing/2026-", S3Pattern.parse("s3://bkt/landing/2026-*.csv").listPrefix());
    assertEquals("events/", S3Pattern.parse("s3://bkt/events/**/*.json").listPrefix());
    assertEquals("data-", S3Pattern.parse("s3://bkt/data-?.csv").listPrefix());
    assertEquals("x/", S3Pattern.parse("s3://bkt/x/[ab].csv").listPrefix());
    assertEquals("", S3Pattern.parse("s3://bkt/*.csv").listPrefix());
  }

  @Test
  void starStaysWithinOneSegment() {
    assertEquals(
        List.of("landing/2026-01.csv", "landing/2026-02.csv", "landing/2026-1.csv"),
        matches("s3://staging/landing/2026-*.csv"));
    assertEquals(List.of(), matches("s3://staging/*.csv"));
    assertEquals(
        List.of("landing/archive/2026-03.csv"), matches("s3://staging/landing/*/2026-*.csv"));
  }

  @Test
  void doubleStarCrossesAnyNumberOfSegments() {
    assertEquals(
        List.of("events/a.json", "events/2026/b.json", "events/2026/01/c.json"),
        matches("s3://staging/events/**/*.json"));
    assertEquals(
        List.of("events/2026/b.json", "events/2026/01/c.json", "events/2026/01/c.txt"),
        matches("s3://staging/events/2026/**"));
    assertEquals(
        List.of(
            "landing/2026-01.csv",
            "landing/2026-02.csv",
            "landing/2025-12.csv",
            "landing/2026-1.csv",
            "landing/archive/2026-03.csv",
            "landing/archive/old/2026-04.csv"),
        matches("s3://staging/**/*.csv"));
  }

  @Test
  void questionMarkAndSets() {
    assertEquals(
        List.of("landing/2026-01.csv", "landing/2026-02.csv"),
        matches("s3://staging/landing/2026-0?.csv"));
    assertEquals(List.of("landing/2026-02.csv"), matches("s3://staging/landing/2026-0[2-9].csv"));
    assertEquals(List.of("landing/2026-01.csv"), matches("s3://staging/landing/2026-0[!2-9].csv"));
    assertEquals(List.of("landing/2026-1.csv"), matches("s3://staging/landing/2026-[^0].csv"));
    assertFalse(S3Pattern.parse("s3://bkt/a?b").matches("a/b"), "? never matches a slash");
    assertFalse(S3Pattern.parse("s3://bkt/a[!x]b").matches("a/b"), "a set never matches a slash");
  }

  @Test
  void otherCharactersAreLiteral() {
    assertTrue(S3Pattern.parse("s3://bkt/a+b(1).csv*").matches("a+b(1).csv"));
    assertFalse(S3Pattern.parse("s3://bkt/a.csv*").matches("abcsv"));
    assertTrue(S3Pattern.parse("s3://bkt/x[.csv").matches("x[.csv"), "an unclosed [ is literal");
    assertTrue(S3Pattern.parse("s3://bkt/x/[]]*").matches("x/]y"));
  }

  @Test
  void refusesLocationsWithoutBucketOrKey() {
    DpException noKey = assertThrows(DpException.class, () -> S3Pattern.parse("s3://staging"));
    assertEquals(
        "Cannot read s3://staging: name an object or a pattern of keys after the bucket",
        noKey.getMessage());
    DpException emptyKey = assertThrows(DpException.class, () -> S3Pattern.parse("s3://staging/"));
    assertEquals(
        "Cannot read s3://staging/: name an object or a pattern of keys after the bucket",
        emptyKey.getMessage());
    DpException badBucket = assertThrows(DpException.class, () -> S3Pattern.parse("s3://St*/x"));
    assertEquals(
        "Cannot read s3://St*/x: the bucket name must be 3 to 63 lowercase letters, digits, dots"
            + " or hyphens (St*)",
        badBucket.getMessage());
  }
}
