package io.dataplatform.metastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Threads interrupted while they write do not take the embedded metastore down. */
class TestInterruptedWrites {
  @TempDir Path directory;

  @Test
  void interruptedWritersLeaveTheDatabaseOpenAndKeepTheirInterrupt() throws Exception {
    try (Metastore metastore = Metastore.open(MetastoreConfig.embedded(directory))) {
      Jdbc jdbc = new Jdbc(metastore.dataSource());
      jdbc.update("CREATE TABLE interrupted_writes (id INT, note VARCHAR(200))");
      AtomicInteger written = new AtomicInteger();
      AtomicBoolean sawInterrupt = new AtomicBoolean();
      for (int round = 0; round < 20; round++) {
        Thread writer =
            new Thread(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    jdbc.update(
                        "INSERT INTO interrupted_writes VALUES (?, ?)",
                        written.incrementAndGet(),
                        "x".repeat(200));
                  }
                  sawInterrupt.set(true);
                });
        writer.start();
        Thread.sleep(10);
        writer.interrupt();
        writer.join(10_000);
        assertTrue(!writer.isAlive(), "the writer stopped at its interrupt");
      }
      assertTrue(sawInterrupt.get(), "writers see their interrupt after the write");
      jdbc.update("INSERT INTO interrupted_writes VALUES (?, ?)", -1, "after");
      long rows =
          jdbc.queryOne("SELECT count(*) FROM interrupted_writes", row -> row.getLong(1))
              .orElseThrow();
      assertEquals(written.get() + 1, rows);
    }
  }
}
