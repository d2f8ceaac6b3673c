package io.dataplatform.ingest.sync;

import io.dataplatform.api.connector.Connector;

/** Fake connectors for tests outside this package. */
public final class FakeConnectors {
  private FakeConnectors() {}

  /** A fake source whose {@code items} stream holds {@code count} rows. */
  public static Connector withItems(int count) {
    FakeConnector connector = new FakeConnector();
    for (int id = 1; id <= count; id++) {
      connector.items.add(new Object[] {id, "item " + id, (long) id});
    }
    return connector;
  }

  /**
   * Makes the change log of a source from {@link #withItems} grow by one insert per poll once
   * replayed, so that its CDC syncs run until they are canceled.
   */
  public static void trickle(Connector source, boolean on) {
    ((FakeConnector) source).trickle = on;
  }
}
