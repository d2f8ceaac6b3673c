package io.dataplatform.ingest.sync;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.lakehouse.io.LakeStorage;
import io.dataplatform.lakehouse.io.StatementFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.iceberg.io.FileIO;

/**
 * The lake's real storage, with two levers for commit tests: the first statement opened (a load's
 * first commit) waits until a condition holds, and statements from a given one on fail as a full
 * disk would.
 */
final class GatedLakeStorage implements LakeStorage {
  private final LakeStorage storage;
  private final AtomicInteger opened = new AtomicInteger();

  /** What the first statement waits for, at most 10 s; whether it held in time. */
  private volatile BooleanSupplier firstWaitsFor = () -> true;

  private volatile Boolean conditionHeld;

  /** The first statement (counting from 1) that fails; 0: none. */
  volatile int failFrom;

  GatedLakeStorage(LakeStorage storage) {
    this.storage = requireNonNull(storage, "storage");
  }

  void firstWaitsFor(BooleanSupplier condition) {
    firstWaitsFor = requireNonNull(condition, "condition");
  }

  /** Whether the condition the first statement waited for held, or null before it was opened. */
  Boolean conditionHeld() {
    return conditionHeld;
  }

  int opened() {
    return opened.get();
  }

  @Override
  public StatementFiles openStatement() {
    int number = opened.incrementAndGet();
    if (number == 1) {
      conditionHeld = awaitCondition();
    }
    if (failFrom > 0 && number >= failFrom) {
      throw new DpException(
          StandardErrorCode.EXTERNAL_FAILURE,
          "Cannot write to the lake: no space left on device (statement " + number + ")");
    }
    return storage.openStatement();
  }

  private boolean awaitCondition() {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (firstWaitsFor.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  @Override
  public Map<String, String> catalogProperties() {
    return storage.catalogProperties();
  }

  @Override
  public FileIO fileIO() {
    return storage.fileIO();
  }

  @Override
  public FileIO catalogFileIO(Map<String, String> properties) {
    return storage.catalogFileIO(properties);
  }

  @Override
  public List<Path> localDirectories() {
    return storage.localDirectories();
  }

  @Override
  public void close() {
    storage.close();
  }
}
