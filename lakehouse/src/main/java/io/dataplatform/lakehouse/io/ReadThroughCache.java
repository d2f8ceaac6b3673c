package io.dataplatform.lakehouse.io;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * Local copies of remote files, bounded in total size, least recently used first out. A key must
 * name immutable content, so a copy never goes stale: the location of an Iceberg data or delete
 * file, or a location together with the version (ETag) of an object that can change.
 *
 * <p>A file is downloaded to a temporary name, checked against the source's length and only then
 * renamed into place, so a partial download is never served, even after a crash. Concurrent
 * requests for one location share one download. Files in use are pinned through {@link Pins} and
 * never evicted; the cache may exceed its bound while pins hold it. On start the cache directory is
 * rescanned, oldest files first in eviction order. Thread-safe.
 */
public final class ReadThroughCache {
  /** Where a file's bytes come from. */
  public interface Source {
    /** The file's length in bytes. */
    long length() throws IOException;

    /** A stream of the file's bytes from the start. */
    InputStream open() throws IOException;
  }

  private static final String NAME_PATTERN = "[0-9a-f]{64}(\\.[a-z0-9]{1,16}){0,2}";

  /** The file name ending of Iceberg's data and delete files. */
  private static final String PARQUET = ".parquet";

  private final Path files;
  private final Path downloads;
  private final Path staging;
  private final long maxBytes;
  private final Object lock = new Object();
  // guarded by lock; in access order, so iteration starts at the least recently used file
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
  private final Map<String, CompletableFuture<Path>> downloading = new HashMap<>();
  private long totalBytes;

  private static final class Entry {
    private final Path path;
    private final long size;
    private int pins;

    Entry(Path path, long size) {
      this.path = path;
      this.size = size;
    }
  }

  /**
   * Opens the cache in {@code directory}, creating it, keeping the files a previous run left and
   * removing unfinished downloads and writes.
   */
  public ReadThroughCache(Path directory, long maxBytes) {
    requireNonNull(directory, "directory");
    if (maxBytes < 1) {
      throw new IllegalArgumentException(
          "Cannot open file cache: the size bound must be positive (" + maxBytes + ")");
    }
    Path root = directory.toAbsolutePath().normalize();
    this.files = root.resolve("files");
    this.downloads = root.resolve("downloads");
    this.staging = root.resolve("staging");
    this.maxBytes = maxBytes;
    try {
      Files.createDirectories(files);
      deleteTree(downloads);
      deleteTree(staging);
      Files.createDirectories(downloads);
      Files.createDirectories(staging);
      rescan();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot open file cache: " + e.getMessage() + " (" + directory + ")", e);
    }
  }

  /** The directory below which files are written before they are uploaded and adopted. */
  public Path stagingDirectory() {
    return staging;
  }

  /** A new set of pins, for one statement. */
  public Pins pins() {
    return new Pins();
  }

  /** The bytes the cached files take. */
  public long sizeBytes() {
    synchronized (lock) {
      return totalBytes;
    }
  }

  /** Whether a copy of the location is cached. */
  public boolean contains(String location) {
    synchronized (lock) {
      return entries.containsKey(name(location));
    }
  }

  /**
   * Takes a local file with the content of {@code location} into the cache, moving it; drops it
   * when the location is cached already. The file must be on the cache's file system, e.g. below
   * {@link #stagingDirectory()}.
   */
  public void adopt(String location, Path file) {
    String name = name(location);
    try {
      long size = Files.size(file);
      synchronized (lock) {
        if (entries.containsKey(name) || downloading.containsKey(name)) {
          Files.deleteIfExists(file);
          return;
        }
        Path target = files.resolve(name);
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        entries.put(name, new Entry(target, size));
        totalBytes += size;
        evict();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot cache written file: " + e.getMessage() + " (" + location + ")", e);
    }
  }

  private Path acquire(String name, String location, Source source) {
    while (true) {
      CompletableFuture<Path> running;
      CompletableFuture<Path> mine = null;
      synchronized (lock) {
        Entry entry = entries.get(name);
        if (entry != null) {
          entry.pins++;
          return entry.path;
        }
        running = downloading.get(name);
        if (running == null) {
          mine = new CompletableFuture<>();
          downloading.put(name, mine);
        }
      }
      if (mine != null) {
        return download(name, location, source, mine);
      }
      try {
        running.join();
      } catch (CompletionException e) {
        throw failure(location, e.getCause());
      }
    }
  }

  private Path download(
      String name, String location, Source source, CompletableFuture<Path> result) {
    Path temporary = null;
    try {
      temporary = Files.createTempFile(downloads, name, ".part");
      long expected = source.length();
      long copied;
      try (InputStream in = source.open();
          OutputStream out = Files.newOutputStream(temporary)) {
        copied = in.transferTo(out);
      }
      if (copied != expected) {
        throw new IOException(
            "downloaded " + copied + " bytes but the file has " + expected + " bytes");
      }
      Path target = files.resolve(name);
      synchronized (lock) {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        Entry entry = new Entry(target, copied);
        entry.pins = 1;
        entries.put(name, entry);
        totalBytes += copied;
        downloading.remove(name);
        evict();
      }
      result.complete(target);
      return target;
    } catch (IOException | RuntimeException e) {
      deleteQuietly(temporary);
      synchronized (lock) {
        downloading.remove(name);
      }
      result.completeExceptionally(e);
      throw failure(location, e);
    }
  }

  private static UncheckedIOException failure(String location, Throwable cause) {
    String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    IOException io = cause instanceof IOException e ? e : new IOException(reason, cause);
    return new UncheckedIOException("Cannot cache file: " + reason + " (" + location + ")", io);
  }

  private void release(String name) {
    synchronized (lock) {
      Entry entry = entries.get(name);
      if (entry != null && entry.pins > 0) {
        entry.pins--;
      }
      evict();
    }
  }

  /** Removes unpinned files, least recently used first, until the bound holds. Under lock. */
  private void evict() {
    Iterator<Entry> iterator = entries.values().iterator();
    while (totalBytes > maxBytes && iterator.hasNext()) {
      Entry entry = iterator.next();
      if (entry.pins == 0) {
        iterator.remove();
        totalBytes -= entry.size;
        deleteQuietly(entry.path);
      }
    }
  }

  private void rescan() throws IOException {
    record Found(Path path, long size, long modified) {}
    List<Found> found = new ArrayList<>();
    try (Stream<Path> listing = Files.list(files)) {
      for (Path path : listing.toList()) {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        if (attributes.isRegularFile() && path.getFileName().toString().matches(NAME_PATTERN)) {
          found.add(new Found(path, attributes.size(), attributes.lastModifiedTime().toMillis()));
        } else {
          deleteTree(path);
        }
      }
    }
    found.sort(Comparator.comparingLong(Found::modified));
    synchronized (lock) {
      for (Found file : found) {
        entries.put(file.path().getFileName().toString(), new Entry(file.path(), file.size()));
        totalBytes += file.size();
      }
      evict();
    }
  }

  /** The cache file name of a location: its SHA-256, so any location maps to a safe name. */
  static String name(String location) {
    return name(location, PARQUET);
  }

  private static String name(String key, String suffix) {
    if (!suffix.matches("(\\.[a-z0-9]{1,16}){0,2}")) {
      throw new IllegalArgumentException(
          "Cannot name cached file: the suffix must be like .csv.gz (" + suffix + ")");
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest) + suffix;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot hash file location: no SHA-256", e);
    }
  }

  private static void deleteQuietly(Path path) {
    if (path == null) {
      return;
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // a leftover file is removed by the next start's rescan
    }
  }

  /** Deletes a file or directory tree; used for leftovers of an earlier run. */
  static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(each);
      }
    }
  }

  /**
   * The files one statement reads: each stays on disk until {@link #close()}. Thread-safe; a
   * location pinned twice is held once.
   */
  public final class Pins implements AutoCloseable {
    private final Map<String, Path> pinned = new HashMap<>();
    private boolean closed;

    private Pins() {}

    /** The local copy of {@code location}, downloaded from {@code source} unless cached. */
    public Path path(String location, Source source) {
      return path(location, PARQUET, source);
    }

    /**
     * The local copy of the file {@code key} names, downloaded from {@code source} unless cached.
     *
     * @param suffix the local file name's ending, such as {@code .csv.gz}, which readers use to
     *     detect compression: up to two dot-separated parts of lower-case letters and digits
     */
    public Path path(String key, String suffix, Source source) {
      requireNonNull(key, "key");
      requireNonNull(suffix, "suffix");
      requireNonNull(source, "source");
      String name = name(key, suffix);
      synchronized (this) {
        checkOpen();
        Path path = pinned.get(name);
        if (path != null) {
          return path;
        }
      }
      // downloads run outside this lock, so one statement can fetch several files at once
      Path path = acquire(name, key, source);
      synchronized (this) {
        Path earlier = closed ? null : pinned.putIfAbsent(name, path);
        if (closed || earlier != null) {
          release(name);
        }
        checkOpen();
        return earlier != null ? earlier : path;
      }
    }

    private void checkOpen() {
      if (closed) {
        throw new IllegalStateException("Cannot pin cached file: the pins are released");
      }
    }

    /** Releases every pin; unpinned files may be evicted from now on. */
    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      for (String name : pinned.keySet()) {
        release(name);
      }
      pinned.clear();
    }
  }
}
