package io.dataplatform.lakehouse.io;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.PositionOutputStream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A warehouse on S3. Iceberg reads and writes metadata and data through {@link S3FileIO}; DuckDB
 * reads data and delete files from a {@link ReadThroughCache} and writes new data files to a
 * staging directory, from which they are uploaded and then adopted by the cache (the same immutable
 * content). Objects outside the lake that user SQL names by {@code s3://} location are read with
 * the same client settings into the same cache, keyed by their ETag.
 */
final class S3LakeStorage implements LakeStorage {
  private static final String MANIFEST_CACHE = "io.manifest.cache-enabled";

  /** Files of one statement fetched at once. */
  private static final int DOWNLOAD_THREADS = 8;

  private final S3Warehouse warehouse;
  private final Map<String, String> ioProperties;
  private final FileIO io;
  private final ReadThroughCache cache;
  private final S3Client client;
  private final ExternalObjects external;
  private final ExecutorService downloads =
      Executors.newFixedThreadPool(
          DOWNLOAD_THREADS,
          runnable -> {
            Thread thread = new Thread(runnable, "lake-download");
            thread.setDaemon(true);
            return thread;
          });

  private S3LakeStorage(
      S3Warehouse warehouse,
      Map<String, String> ioProperties,
      FileIO io,
      ReadThroughCache cache,
      S3Client client) {
    this.warehouse = warehouse;
    this.ioProperties = ioProperties;
    this.io = io;
    this.cache = cache;
    this.client = client;
    this.external = new ExternalObjects(client);
  }

  static S3LakeStorage open(S3Warehouse warehouse) {
    requireNonNull(warehouse, "warehouse");
    ReadThroughCache cache;
    try {
      cache = new ReadThroughCache(warehouse.cacheDirectory(), warehouse.cacheMaxBytes());
    } catch (UncheckedIOException e) {
      throw new DpException(
          StandardErrorCode.INVALID_CONFIGURATION,
          "Cannot open lakehouse: cannot use the cache directory: "
              + e.getMessage()
              + " ("
              + warehouse.cacheDirectory()
              + ")",
          e);
    }
    Map<String, String> properties = ioProperties(warehouse);
    FileIO io;
    if (warehouse.inProcess().isPresent()) {
      io =
          new InProcessFileIO(
              warehouse.inProcess().get(),
              cache.stagingDirectory().resolve("uploads"),
              Map.of(MANIFEST_CACHE, "true"));
    } else {
      S3FileIO s3 = new S3FileIO();
      s3.initialize(properties);
      io = s3;
    }
    S3Clients clients = new S3Clients();
    clients.initialize(properties);
    return new S3LakeStorage(warehouse, Map.copyOf(properties), io, cache, clients.s3());
  }

  /** The settings of Iceberg's S3 FileIO (property names of {@code S3FileIOProperties}). */
  private static Map<String, String> ioProperties(S3Warehouse warehouse) {
    Map<String, String> properties = new HashMap<>();
    properties.put("s3.endpoint", warehouse.endpoint().toString());
    properties.put(
        "s3.path-style-access",
        String.valueOf(warehouse.addressing() == S3Warehouse.Addressing.PATH));
    properties.put("s3.access-key-id", warehouse.accessKey());
    properties.put("s3.secret-access-key", warehouse.secretKey());
    properties.put("client.region", warehouse.region());
    properties.put("s3.client-factory-impl", S3Clients.class.getName());
    // manifests are immutable too: keep recently read ones in memory instead of refetching them
    properties.put(MANIFEST_CACHE, "true");
    return properties;
  }

  @Override
  public Map<String, String> catalogProperties() {
    Map<String, String> properties = new HashMap<>(ioProperties);
    properties.put(CatalogProperties.WAREHOUSE_LOCATION, warehouse.location());
    properties.put(CatalogProperties.FILE_IO_IMPL, S3FileIO.class.getName());
    return properties;
  }

  @Override
  public FileIO fileIO() {
    return io;
  }

  @Override
  public FileIO catalogFileIO(Map<String, String> properties) {
    return io instanceof InProcessFileIO ? io : LakeStorage.super.catalogFileIO(properties);
  }

  @Override
  public List<Path> localDirectories() {
    return List.of(warehouse.cacheDirectory());
  }

  @Override
  public StatementFiles openStatement() {
    return new Statement(cache.pins());
  }

  /** The read-through cache; for tests and metrics. */
  ReadThroughCache cache() {
    return cache;
  }

  @Override
  public void close() {
    downloads.shutdownNow();
    io.close();
    client.close();
  }

  private static ReadThroughCache.Source source(InputFile input) {
    return new ReadThroughCache.Source() {
      @Override
      public long length() {
        return input.getLength();
      }

      @Override
      public InputStream open() {
        return input.newStream();
      }
    };
  }

  /** One statement's pinned cache files and staging directory. */
  private final class Statement implements StatementFiles {
    private final ReadThroughCache.Pins pins;
    private final Path staging;
    // guarded by this: the objects outside the lake counted against the cache bound
    private final Set<String> counted = new HashSet<>();
    private long objectBytes;

    Statement(ReadThroughCache.Pins pins) {
      this.pins = pins;
      this.staging = cache.stagingDirectory().resolve(UUID.randomUUID().toString());
    }

    @Override
    public String readable(String location, long sizeBytes) {
      InputFile input =
          sizeBytes >= 0 ? io.newInputFile(location, sizeBytes) : io.newInputFile(location);
      try {
        return pins.path(location, source(input)).toString();
      } catch (UncheckedIOException e) {
        throw new DpException(
            StandardErrorCode.EXTERNAL_FAILURE,
            "Cannot read data file from S3: " + e.getMessage(),
            e);
      }
    }

    @Override
    public void prefetch(Map<String, Long> sizesByLocation) {
      if (sizesByLocation.size() < 2) {
        return;
      }
      List<Callable<String>> fetches = new ArrayList<>();
      for (Map.Entry<String, Long> file : sizesByLocation.entrySet()) {
        fetches.add(() -> readable(file.getKey(), file.getValue()));
      }
      fetchAll(fetches);
    }

    @Override
    public List<ObjectVersion> findObjects(String location) {
      return external.find(location);
    }

    @Override
    public List<String> readableObjects(List<ObjectVersion> objects) {
      reserve(objects);
      List<Callable<String>> fetches = new ArrayList<>();
      for (ObjectVersion object : objects) {
        fetches.add(() -> readableObject(object));
      }
      return fetchAll(fetches);
    }

    /**
     * Counts objects against the cache bound: every object a statement reads stays pinned until it
     * ends, so more than the cache holds would overfill the disk it was sized for.
     */
    private synchronized void reserve(List<ObjectVersion> objects) {
      long total = objectBytes;
      Set<String> added = new HashSet<>();
      for (ObjectVersion object : objects) {
        if (!counted.contains(object.cacheKey()) && added.add(object.cacheKey())) {
          total += object.sizeBytes();
        }
      }
      if (total > warehouse.cacheMaxBytes()) {
        throw new DpException(
            StandardErrorCode.INVALID_ARGUMENT,
            "Cannot read "
                + named(objects)
                + ": the statement would fetch "
                + total
                + " bytes from S3, more than the lake cache holds (lakehouse.cache.max-bytes = "
                + warehouse.cacheMaxBytes()
                + "); read fewer objects or raise the limit");
      }
      objectBytes = total;
      counted.addAll(added);
    }

    private static String named(List<ObjectVersion> objects) {
      String first = objects.get(0).location();
      return switch (objects.size()) {
        case 1 -> first;
        case 2 -> first + " and 1 more object";
        default -> first + " and " + (objects.size() - 1) + " more objects";
      };
    }

    private String readableObject(ObjectVersion object) {
      try {
        return pins.path(object.cacheKey(), object.suffix(), external.source(object)).toString();
      } catch (UncheckedIOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
          if (cause instanceof DpException failure) {
            throw failure;
          }
        }
        throw new DpException(
            StandardErrorCode.EXTERNAL_FAILURE,
            "Cannot read " + object.location() + ": " + e.getCause().getMessage(),
            e);
      }
    }

    /** Runs fetches in parallel; their results in order. */
    private List<String> fetchAll(List<Callable<String>> fetches) {
      if (fetches.size() == 1) {
        try {
          return List.of(fetches.get(0).call());
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException("Cannot fetch file: " + e, e);
        }
      }
      List<Future<String>> running = new ArrayList<>();
      for (Callable<String> fetch : fetches) {
        running.add(downloads.submit(fetch));
      }
      List<String> results = new ArrayList<>();
      try {
        for (Future<String> fetch : running) {
          results.add(fetch.get());
        }
        return results;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException failure) {
          throw failure;
        }
        throw new IllegalStateException("Cannot fetch data file: " + e.getCause(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Cannot fetch data files: interrupted", e);
      }
    }

    @Override
    public Path staging(String location) {
      String name = location.substring(location.lastIndexOf('/') + 1);
      if (name.isEmpty() || name.equals(".") || name.equals("..")) {
        throw new IllegalArgumentException(
            "Cannot stage file: the location has no file name (" + location + ")");
      }
      try {
        Files.createDirectories(staging);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot create staging directory: " + e.getMessage() + " (" + staging + ")", e);
      }
      return staging.resolve(name);
    }

    @Override
    public boolean uploads() {
      return true;
    }

    @Override
    public String publish(FileIO tableIo, Path staged, String location) {
      try {
        if (tableIo instanceof InProcessFileIO inProcess) {
          // a new, unique location: stored without asking whether it exists
          inProcess.putFile(location, staged);
        } else {
          try (InputStream in = Files.newInputStream(staged);
              PositionOutputStream out = tableIo.newOutputFile(location).create()) {
            in.transferTo(out);
          }
        }
      } catch (IOException | RuntimeException e) {
        throw new DpException(
            StandardErrorCode.EXTERNAL_FAILURE,
            "Cannot upload data file to S3: " + e.getMessage() + " (" + location + ")",
            e);
      }
      try {
        cache.adopt(location, staged);
      } catch (UncheckedIOException e) {
        // the file is uploaded; the first read downloads it into the cache instead
      }
      return location;
    }

    @Override
    public void close() {
      pins.close();
      try {
        ReadThroughCache.deleteTree(staging);
      } catch (IOException e) {
        // the next start clears the staging directory
      }
    }
  }
}
