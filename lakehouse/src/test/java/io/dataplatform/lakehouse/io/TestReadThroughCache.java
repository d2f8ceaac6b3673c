package io.dataplatform.lakehouse.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestReadThroughCache {
  @TempDir Path directory;

  /** A remote file whose downloads are counted. */
  private static final class Remote implements ReadThroughCache.Source {
    private final byte[] content;
    private final AtomicInteger opens = new AtomicInteger();

    Remote(int size, int seed) {
      content = new byte[size];
      Arrays.fill(content, (byte) seed);
    }

    @Override
    public long length() {
      return content.length;
    }

    @Override
    public InputStream open() {
      opens.incrementAndGet();
      return new ByteArrayInputStream(content);
    }
  }

  @Test
  void servesDownloadedCopyAndDownloadsOnce() throws IOException {
    ReadThroughCache cache = new ReadThroughCache(directory, 1000);
    Remote remote = new Remote(100, 1);
    try (ReadThroughCache.Pins pins = cache.pins()) {
      Path first = pins.path("s3://b/a.parquet", remote);
      assertArrayEquals(remote.content, Files.readAllBytes(first));
    }
    try (ReadThroughCache.Pins pins = cache.pins()) {
      Path second = pins.path("s3://b/a.parquet", remote);
      assertArrayEquals(remote.content, Files.readAllBytes(second));
    }
    assertEquals(1, remote.opens.get());
    assertEquals(100, cache.sizeBytes());
  }

  @Test
  void staysWithinBoundEvictingLeastRecentlyUsed() {
    ReadThroughCache cache = new ReadThroughCache(directory, 250);
    Remote a = new Remote(100, 1);
    Remote b = new Remote(100, 2);
    Remote c = new Remote(100, 3);
    read(cache, "s3://b/a", a);
    read(cache, "s3://b/b", b);
    read(cache, "s3://b/a", a); // a is now more recently used than b
    read(cache, "s3://b/c", c);
    assertTrue(cache.contains("s3://b/a"));
    assertFalse(cache.contains("s3://b/b"));
    assertTrue(cache.contains("s3://b/c"));
    assertEquals(200, cache.sizeBytes());
    assertEquals(2, cachedFiles().size());
    read(cache, "s3://b/b", b);
    assertEquals(2, b.opens.get());
    assertEquals(1, a.opens.get());
  }

  @Test
  void pinnedFilesSurviveEviction() throws IOException {
    ReadThroughCache cache = new ReadThroughCache(directory, 150);
    Remote a = new Remote(100, 1);
    Remote b = new Remote(100, 2);
    try (ReadThroughCache.Pins statement = cache.pins()) {
      Path pinned = statement.path("s3://b/a", a);
      read(cache, "s3://b/b", b);
      // over the bound while a is pinned: the unpinned file goes, the pinned one stays readable
      assertTrue(Files.exists(pinned));
      assertArrayEquals(a.content, Files.readAllBytes(pinned));
      assertFalse(cache.contains("s3://b/b"));
      try (ReadThroughCache.Pins other = cache.pins()) {
        other.path("s3://b/b", b);
        assertEquals(200, cache.sizeBytes());
      }
      assertTrue(cache.contains("s3://b/a"));
    }
    read(cache, "s3://b/c", new Remote(100, 3));
    assertFalse(cache.contains("s3://b/a"));
    assertEquals(100, cache.sizeBytes());
  }

  @Test
  void concurrentRequestsShareOneDownload() throws Exception {
    ReadThroughCache cache = new ReadThroughCache(directory, 10_000);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger opens = new AtomicInteger();
    byte[] content = new byte[1000];
    Arrays.fill(content, (byte) 7);
    ReadThroughCache.Source slow =
        new ReadThroughCache.Source() {
          @Override
          public long length() {
            return content.length;
          }

          @Override
          public InputStream open() throws IOException {
            opens.incrementAndGet();
            started.countDown();
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              throw new IOException(e);
            }
            return new ByteArrayInputStream(content);
          }
        };
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Path>> results = new ArrayList<>();
      List<ReadThroughCache.Pins> pins = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        ReadThroughCache.Pins statement = cache.pins();
        pins.add(statement);
        results.add(threads.submit(() -> statement.path("s3://b/shared", slow)));
      }
      assertTrue(started.await(10, TimeUnit.SECONDS));
      Thread.sleep(100);
      release.countDown();
      Set<Path> paths = new HashSet<>();
      for (Future<Path> result : results) {
        paths.add(result.get(10, TimeUnit.SECONDS));
      }
      assertEquals(1, opens.get());
      assertEquals(1, paths.size());
      assertArrayEquals(content, Files.readAllBytes(paths.iterator().next()));
      pins.forEach(ReadThroughCache.Pins::close);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void oneStatementFetchesDifferentFilesAtOnce() throws Exception {
    ReadThroughCache cache = new ReadThroughCache(directory, 10_000);
    CountDownLatch bothStarted = new CountDownLatch(2);
    ReadThroughCache.Source waiting =
        new ReadThroughCache.Source() {
          @Override
          public long length() {
            return 10;
          }

          @Override
          public InputStream open() throws IOException {
            bothStarted.countDown();
            try {
              if (!bothStarted.await(10, TimeUnit.SECONDS)) {
                throw new IOException("the other download did not start");
              }
            } catch (InterruptedException e) {
              throw new IOException(e);
            }
            return new ByteArrayInputStream(new byte[10]);
          }
        };
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (ReadThroughCache.Pins pins = cache.pins()) {
      Future<Path> first = threads.submit(() -> pins.path("s3://b/1", waiting));
      Future<Path> second = threads.submit(() -> pins.path("s3://b/2", waiting));
      assertTrue(Files.exists(first.get(20, TimeUnit.SECONDS)));
      assertTrue(Files.exists(second.get(20, TimeUnit.SECONDS)));
      assertEquals(20, cache.sizeBytes());
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void failedDownloadIsNeverServed() throws IOException {
    ReadThroughCache cache = new ReadThroughCache(directory, 10_000);
    ReadThroughCache.Source broken =
        new ReadThroughCache.Source() {
          @Override
          public long length() {
            return 1000;
          }

          @Override
          public InputStream open() {
            return new InputStream() {
              private int served;

              @Override
              public int read() throws IOException {
                if (served++ < 300) {
                  return 1;
                }
                throw new IOException("connection reset");
              }
            };
          }
        };
    try (ReadThroughCache.Pins pins = cache.pins()) {
      UncheckedIOException error =
          assertThrows(UncheckedIOException.class, () -> pins.path("s3://b/x", broken));
      assertEquals("Cannot cache file: connection reset (s3://b/x)", error.getMessage());
    }
    assertFalse(cache.contains("s3://b/x"));
    assertEquals(0, cache.sizeBytes());
    assertEquals(List.of(), cachedFiles());
    assertEquals(List.of(), listing(directory.resolve("downloads")));
    Remote good = new Remote(1000, 1);
    read(cache, "s3://b/x", good);
    assertEquals(1, good.opens.get());
  }

  @Test
  void truncatedDownloadIsNeverServed() {
    ReadThroughCache cache = new ReadThroughCache(directory, 10_000);
    ReadThroughCache.Source truncated =
        new ReadThroughCache.Source() {
          @Override
          public long length() {
            return 1000;
          }

          @Override
          public InputStream open() {
            return new ByteArrayInputStream(new byte[400]);
          }
        };
    try (ReadThroughCache.Pins pins = cache.pins()) {
      UncheckedIOException error =
          assertThrows(UncheckedIOException.class, () -> pins.path("s3://b/t", truncated));
      assertEquals(
          "Cannot cache file: downloaded 400 bytes but the file has 1000 bytes (s3://b/t)",
          error.getMessage());
    }
    assertFalse(cache.contains("s3://b/t"));
    assertEquals(List.of(), cachedFiles());
  }

  @Test
  void restartKeepsCompleteFilesAndDropsPartialOnes() throws IOException {
    ReadThroughCache cache = new ReadThroughCache(directory, 10_000);
    Remote a = new Remote(100, 1);
    Remote b = new Remote(200, 2);
    read(cache, "s3://b/a", a);
    read(cache, "s3://b/b", b);
    // what a crash mid-download and mid-write leave behind
    Files.write(directory.resolve("downloads").resolve("x.part"), new byte[50]);
    Files.createDirectories(directory.resolve("staging").resolve("statement"));
    Files.write(
        directory.resolve("staging").resolve("statement").resolve("f.parquet"), new byte[9]);
    Files.write(directory.resolve("files").resolve("stray.tmp"), new byte[9]);

    ReadThroughCache reopened = new ReadThroughCache(directory, 10_000);
    assertEquals(300, reopened.sizeBytes());
    assertTrue(reopened.contains("s3://b/a"));
    assertTrue(reopened.contains("s3://b/b"));
    assertEquals(List.of(), listing(directory.resolve("downloads")));
    assertEquals(List.of(), listing(directory.resolve("staging")));
    assertEquals(2, cachedFiles().size());
    try (ReadThroughCache.Pins pins = reopened.pins()) {
      assertArrayEquals(b.content, Files.readAllBytes(pins.path("s3://b/b", b)));
    }
    assertEquals(1, b.opens.get());
  }

  @Test
  void restartWithSmallerBoundEvicts() {
    ReadThroughCache cache = new ReadThroughCache(directory, 10_000);
    read(cache, "s3://b/a", new Remote(100, 1));
    read(cache, "s3://b/b", new Remote(100, 2));
    read(cache, "s3://b/c", new Remote(100, 3));
    ReadThroughCache reopened = new ReadThroughCache(directory, 150);
    assertEquals(100, reopened.sizeBytes());
    assertEquals(1, cachedFiles().size());
  }

  @Test
  void adoptsWrittenFiles() throws IOException {
    ReadThroughCache cache = new ReadThroughCache(directory, 10_000);
    Path staged = cache.stagingDirectory().resolve("new.parquet");
    Files.write(staged, new byte[123]);
    cache.adopt("s3://b/new.parquet", staged);
    assertFalse(Files.exists(staged));
    assertEquals(123, cache.sizeBytes());
    Remote unused = new Remote(123, 0);
    read(cache, "s3://b/new.parquet", unused);
    assertEquals(0, unused.opens.get());
  }

  @Test
  void releasedPinsCannotBeUsed() {
    ReadThroughCache cache = new ReadThroughCache(directory, 10_000);
    ReadThroughCache.Pins pins = cache.pins();
    pins.close();
    IllegalStateException error =
        assertThrows(IllegalStateException.class, () -> pins.path("s3://b/a", new Remote(1, 1)));
    assertEquals("Cannot pin cached file: the pins are released", error.getMessage());
  }

  private static void read(
      ReadThroughCache cache, String location, ReadThroughCache.Source source) {
    try (ReadThroughCache.Pins pins = cache.pins()) {
      pins.path(location, source);
    }
  }

  private List<Path> cachedFiles() {
    return listing(directory.resolve("files"));
  }

  private static List<Path> listing(Path path) {
    try (Stream<Path> files = Files.list(path)) {
      return files.toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void keepsFileNameEndingsAcrossRestarts() throws IOException {
    ReadThroughCache cache = new ReadThroughCache(directory, 1000);
    Path csv;
    try (ReadThroughCache.Pins pins = cache.pins()) {
      csv = pins.path("s3://b/x.csv.gz\n\"1\"", ".csv.gz", new Remote(10, 1));
      Path plain = pins.path("s3://b/x\n\"1\"", "", new Remote(10, 2));
      assertTrue(csv.getFileName().toString().endsWith(".csv.gz"), csv.toString());
      assertTrue(plain.getFileName().toString().matches("[0-9a-f]{64}"), plain.toString());
    }
    ReadThroughCache reopened = new ReadThroughCache(directory, 1000);
    assertEquals(20, reopened.sizeBytes());
    assertTrue(Files.exists(csv));
    try (ReadThroughCache.Pins pins = reopened.pins()) {
      IllegalArgumentException error =
          assertThrows(
              IllegalArgumentException.class,
              () -> pins.path("s3://b/y", "../x", new Remote(1, 1)));
      assertEquals(
          "Cannot name cached file: the suffix must be like .csv.gz (../x)", error.getMessage());
    }
  }
}
