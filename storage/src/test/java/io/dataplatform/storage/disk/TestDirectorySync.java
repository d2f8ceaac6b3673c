package io.dataplatform.storage.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestDirectorySync {
  private static final Path DIRECTORY = Path.of("bucket", "objects");

  @TempDir Path root;

  /** One fsync as the fake saw it, in ticks of the test's clock. */
  private record Round(long started, long finished) {}

  /** A change to the directory, then the sync: when each happened on the test's clock. */
  private record Write(long changed, long acknowledged) {}

  /** Records every fsync's start and end on a shared clock; each takes a little while. */
  private static final class RecordingFsync implements DirectorySync.Fsync {
    final AtomicLong clock;
    final List<Round> rounds = new ArrayList<>();

    RecordingFsync(AtomicLong clock) {
      this.clock = clock;
    }

    @Override
    public void fsync(Path directory) throws IOException {
      long started = clock.incrementAndGet();
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      long finished = clock.incrementAndGet();
      synchronized (rounds) {
        rounds.add(new Round(started, finished));
      }
    }
  }

  @Test
  void everyAcknowledgedWriteIsCoveredByAnFsyncThatStartedAfterIt() throws Exception {
    AtomicLong clock = new AtomicLong();
    RecordingFsync fsync = new RecordingFsync(clock);
    DirectorySync sync = new DirectorySync(fsync);
    int threads = 16;
    int writesPerThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<Write>>> results = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    for (int t = 0; t < threads; t++) {
      results.add(
          pool.submit(
              () -> {
                start.await();
                List<Write> writes = new ArrayList<>();
                for (int i = 0; i < writesPerThread; i++) {
                  long changed = clock.incrementAndGet();
                  sync.sync(DIRECTORY);
                  writes.add(new Write(changed, clock.incrementAndGet()));
                }
                return writes;
              }));
    }
    start.countDown();
    List<Write> writes = new ArrayList<>();
    for (Future<List<Write>> result : results) {
      writes.addAll(result.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertEquals(threads * writesPerThread, writes.size());
    List<Round> rounds = List.copyOf(fsync.rounds);
    for (Write write : writes) {
      assertTrue(
          rounds.stream()
              .anyMatch(
                  round ->
                      round.started() > write.changed() && round.finished() < write.acknowledged()),
          "no fsync started after the change at "
              + write.changed()
              + " and ended before its acknowledgement at "
              + write.acknowledged());
    }
    for (int i = 1; i < rounds.size(); i++) {
      assertTrue(
          rounds.get(i).started() > rounds.get(i - 1).finished(),
          "fsyncs of one directory overlap: " + rounds.get(i - 1) + " and " + rounds.get(i));
    }
    assertTrue(
        rounds.size() < writes.size(),
        "concurrent writers shared no fsync: " + rounds.size() + " for " + writes.size());
  }

  @Test
  void callersArrivingDuringAnFsyncShareTheNextOne() throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    DirectorySync sync =
        new DirectorySync(
            directory -> {
              if (calls.incrementAndGet() == 1) {
                firstStarted.countDown();
                await(release);
              }
            });
    int followers = 7;
    ExecutorService pool = Executors.newFixedThreadPool(followers + 1);
    Future<?> first =
        pool.submit(
            () -> {
              sync.sync(DIRECTORY);
              return null;
            });
    assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
    List<Future<?>> others = new ArrayList<>();
    for (int i = 0; i < followers; i++) {
      others.add(
          pool.submit(
              () -> {
                sync.sync(DIRECTORY);
                return null;
              }));
    }
    // every follower has arrived while the first fsync runs: the first one may have missed them
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sync.waiting(DIRECTORY) < followers + 1 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertEquals(followers + 1, sync.waiting(DIRECTORY));
    assertEquals(1, calls.get());
    release.countDown();
    first.get(10, TimeUnit.SECONDS);
    for (Future<?> other : others) {
      other.get(10, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertEquals(2, calls.get(), "the followers should have shared exactly one more fsync");
    assertEquals(0, sync.waiting(DIRECTORY));
  }

  @Test
  void aFailedFsyncFailsEveryCallerItWasToCover() throws Exception {
    SecondRound round = failSecondRound(new IOException("disk gone"));
    for (Throwable failure : round.failures()) {
      assertTrue(failure instanceof IOException, failure.toString());
      assertTrue(
          failure.getMessage().equals("disk gone")
              || failure
                  .getMessage()
                  .equals("Cannot sync directory: the shared fsync failed (" + DIRECTORY + ")"),
          failure.getMessage());
    }
    assertEquals(2, round.calls().get());
    // the next caller gets a fresh fsync, which succeeds
    round.sync().sync(DIRECTORY);
    assertEquals(3, round.calls().get());
  }

  @Test
  void anFsyncThatFailsUncheckedCoversNobody() throws Exception {
    SecondRound round = failSecondRound(new IllegalStateException("device vanished"));
    List<String> messages = round.failures().stream().map(Throwable::getMessage).toList();
    // the leader of the failed round sees the original failure, the others a checked one
    assertTrue(messages.contains("device vanished"), messages.toString());
    assertEquals(
        2,
        messages.stream()
            .filter(("Cannot sync directory: the shared fsync failed (" + DIRECTORY + ")")::equals)
            .count(),
        messages.toString());
    assertEquals(0, round.sync().waiting(DIRECTORY));
  }

  /** A sync whose second fsync failed, its fsync calls, and what its three callers got. */
  private record SecondRound(DirectorySync sync, AtomicInteger calls, List<Throwable> failures) {}

  /**
   * One caller's fsync runs while three more callers arrive; their shared second fsync throws
   * {@code failure} (an IOException or an unchecked exception).
   */
  private static SecondRound failSecondRound(Exception failure) throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    DirectorySync sync =
        new DirectorySync(
            directory -> {
              int call = calls.incrementAndGet();
              if (call == 1) {
                firstStarted.countDown();
                await(release);
              } else if (call == 2) {
                if (failure instanceof IOException checked) {
                  throw checked;
                }
                throw (RuntimeException) failure;
              }
            });
    ExecutorService pool = Executors.newFixedThreadPool(4);
    Future<?> first =
        pool.submit(
            () -> {
              sync.sync(DIRECTORY);
              return null;
            });
    assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
    List<Future<?>> followers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      followers.add(
          pool.submit(
              () -> {
                sync.sync(DIRECTORY);
                return null;
              }));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sync.waiting(DIRECTORY) < 4 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    release.countDown();
    first.get(10, TimeUnit.SECONDS);
    List<Throwable> failures = new ArrayList<>();
    for (Future<?> follower : followers) {
      failures.add(
          assertThrows(java.util.concurrent.ExecutionException.class, follower::get).getCause());
    }
    pool.shutdown();
    return new SecondRound(sync, calls, failures);
  }

  @Test
  void syncsARealDirectory() throws Exception {
    Path directory = Files.createDirectory(root.resolve("objects"));
    Files.createDirectory(directory.resolve("key"));
    new DirectorySync().sync(directory);
    assertTrue(Files.isDirectory(directory.resolve("key")));
    IOException missing =
        assertThrows(IOException.class, () -> new DirectorySync().sync(root.resolve("missing")));
    assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
  }

  private static void await(CountDownLatch latch) throws IOException {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IOException("test latch timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
