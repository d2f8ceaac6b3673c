package io.dataplatform.ingest.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestSyncProgress {
  @Test
  void whatTheSyncHeldIsReleasedBeforeItsEndShows() {
    List<SyncStatus> seenAtRelease = new ArrayList<>();
    SyncProgress[] progress = new SyncProgress[1];
    progress[0] =
        new SyncProgress(
            "shop",
            "sync-1",
            Clock.systemUTC(),
            () -> seenAtRelease.add(progress[0].report().status()));
    progress[0].started(List.of());
    progress[0].finished(SyncStatus.SUCCEEDED, null);
    assertEquals(List.of(SyncStatus.RUNNING), seenAtRelease);
    assertEquals(SyncStatus.SUCCEEDED, progress[0].report().status());
  }

  @Test
  void aSyncThatFailsBeforeRunningReleasesToo() {
    List<String> released = new ArrayList<>();
    SyncProgress progress =
        new SyncProgress("shop", "sync-2", Clock.systemUTC(), () -> released.add("released"));
    progress.fail("Cannot sync connection shop: no such source");
    progress.fail("a second failure changes nothing");
    assertEquals(List.of("released"), released);
    assertEquals(SyncStatus.FAILED, progress.report().status());
    assertTrue(progress.report().error().orElseThrow().startsWith("Cannot sync connection shop"));
  }
}
