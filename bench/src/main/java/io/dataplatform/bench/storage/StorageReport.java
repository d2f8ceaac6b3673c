package io.dataplatform.bench.storage;

import static java.util.Objects.requireNonNull;

import io.dataplatform.bench.storage.Measurements.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The figures of one benchmark run as text: rates, ratios to the baseline, and the targets. */
final class StorageReport {
  static final double LARGE_RATIO_TARGET = 0.7;
  static final double SMALL_PUTS_TARGET = 300;
  static final long HEAP_GROWTH_TARGET = 256 * StorageOptions.MIB;

  private final StorageOptions options;
  private final String setup;
  private final Measurements measurements;
  private final Optional<MultipartFigures> multipart;

  StorageReport(
      StorageOptions options,
      String setup,
      Measurements measurements,
      Optional<MultipartFigures> multipart) {
    this.options = requireNonNull(options, "options");
    this.setup = requireNonNull(setup, "setup");
    this.measurements = requireNonNull(measurements, "measurements");
    this.multipart = requireNonNull(multipart, "multipart");
  }

  List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add(setup);
    lines.add(
        format("%d timed runs after one warm-up, medians; MiB = 1,048,576 bytes", options.runs()));
    lines.add("");
    lines.add(
        format(
            "%-22s %14s %14s %10s  %s", "operation", "store", "file I/O", "store/file", "target"));
    lines.add(largeLine("PUT", Operation.STORE_PUT, Operation.FILE_WRITE));
    lines.add(largeLine("GET", Operation.STORE_GET, Operation.FILE_READ));
    lines.add(smallLine());
    lines.add("");
    lines.add("ceilings of this machine for a large object, same bytes, same run (not targets):");
    lines.add(
        ceilingLine(
            "loopback TCP socket",
            Operation.LOOPBACK_TRANSFER,
            Operation.FILE_READ,
            "file read",
            Operation.STORE_GET,
            "GET"));
    lines.add(
        ceilingLine(
            "MD5 (a PUT's ETag)",
            Operation.MD5_DIGEST,
            Operation.FILE_WRITE,
            "file write",
            Operation.STORE_PUT,
            "PUT"));
    multipart.ifPresent(figures -> lines.addAll(multipartLines(figures)));
    return lines;
  }

  private String largeLine(String verb, Operation store, Operation file) {
    double bytes = options.largeBytes();
    double storeRate = mibPerSecond(bytes, measurements.median(store));
    double fileRate = mibPerSecond(bytes, measurements.median(file));
    double ratio = storeRate / fileRate;
    return format(
        "%-22s %9.1f MiB/s %9.1f MiB/s %10.2f  >= %.2f of file I/O: %s",
        verb + " " + options.largeMib() + " MiB",
        storeRate,
        fileRate,
        ratio,
        LARGE_RATIO_TARGET,
        verdict(ratio >= LARGE_RATIO_TARGET));
  }

  /** A ceiling's rate, as a share of the file baseline and of the store's rate it bounds. */
  private String ceilingLine(
      String name,
      Operation ceiling,
      Operation file,
      String fileName,
      Operation store,
      String storeName) {
    double bytes = options.largeBytes();
    double ceilingRate = mibPerSecond(bytes, measurements.median(ceiling));
    return format(
        "%-22s %9.1f MiB/s  = %.2f of %s; %s reaches %.2f of it",
        name,
        ceilingRate,
        ceilingRate / mibPerSecond(bytes, measurements.median(file)),
        fileName,
        storeName,
        mibPerSecond(bytes, measurements.median(store)) / ceilingRate);
  }

  private String smallLine() {
    int count = options.smallCount();
    double storeRate = perSecond(count, measurements.median(Operation.STORE_SMALL_PUTS));
    double fileRate = perSecond(count, measurements.median(Operation.FILE_SMALL_WRITES));
    return format(
        "%-22s %9.1f ops/s %9.1f ops/s %10.2f  >= %.0f PUTs/s: %s",
        "PUT " + count + " x 4 KiB",
        storeRate,
        fileRate,
        storeRate / fileRate,
        SMALL_PUTS_TARGET,
        verdict(storeRate >= SMALL_PUTS_TARGET));
  }

  private static List<String> multipartLines(MultipartFigures figures) {
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add(
        format(
            "multipart upload of %d MiB in %d parts of %d MiB: %.1f s, %.1f MiB/s"
                + " (of which CompleteMultipartUpload %.1f s)",
            figures.bytes() / StorageOptions.MIB,
            figures.parts(),
            figures.partBytes() / StorageOptions.MIB,
            figures.uploadNanos() / 1e9,
            mibPerSecond(figures.bytes(), figures.uploadNanos()),
            figures.completeNanos() / 1e9));
    lines.add(
        format(
            "GET of it, every byte checked: %.1f s, %.1f MiB/s",
            figures.readNanos() / 1e9, mibPerSecond(figures.bytes(), figures.readNanos())));
    if (figures.uploadHeap().isEmpty()) {
      lines.add("server heap: not sampled (" + figures.heapNote() + ")");
      return lines;
    }
    HeapGrowth upload = figures.uploadHeap().orElseThrow();
    lines.add(
        format(
            "server heap used (jstat -gc: survivors + eden + old, garbage included), capacity %s:",
            mib(upload.peak().capacityBytes())));
    lines.add(heapLine("during the upload", upload));
    figures.readHeap().ifPresent(read -> lines.add(heapLine("during the GET", read)));
    lines.add(
        format(
            "heap growth during the upload < %s: %s",
            mib(HEAP_GROWTH_TARGET), verdict(upload.growthBytes() < HEAP_GROWTH_TARGET)));
    return lines;
  }

  private static String heapLine(String phase, HeapGrowth growth) {
    return format(
        "  %-18s before %s, peak %s (%s), after %s; old generation before %s, peak %s (%s);"
            + " %d samples",
        phase,
        mib(growth.before().usedBytes()),
        mib(growth.peak().usedBytes()),
        signedMib(growth.growthBytes()),
        mib(growth.after().usedBytes()),
        mib(growth.before().oldUsedBytes()),
        mib(growth.peakOldBytes()),
        signedMib(growth.oldGrowthBytes()),
        growth.samples());
  }

  static double mibPerSecond(double bytes, double nanos) {
    return bytes / StorageOptions.MIB / (nanos / 1e9);
  }

  static double perSecond(double count, double nanos) {
    return count / (nanos / 1e9);
  }

  private static String verdict(boolean met) {
    return met ? "met" : "NOT met";
  }

  private static String mib(long bytes) {
    return format("%.0f MiB", bytes / (double) StorageOptions.MIB);
  }

  private static String signedMib(long bytes) {
    return format("%+.0f MiB", bytes / (double) StorageOptions.MIB);
  }

  private static String format(String pattern, Object... values) {
    return String.format(Locale.ROOT, pattern, values);
  }
}
