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
}
