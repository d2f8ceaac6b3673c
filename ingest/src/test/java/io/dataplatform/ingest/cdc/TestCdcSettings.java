package io.dataplatform.ingest.cdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import io.dataplatform.api.connector.ConnectorConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestCdcSettings {
  @Test
  void namesFromAConnectionAreValidIdentifiers() {
    assertEquals("dp_shop_orders_eu", CdcSettings.identifier("dp_", "Shop-Orders EU"));
    String longName = CdcSettings.identifier("dp_", "x".repeat(100));
    assertEquals(63, longName.length());
    assertTrue(longName.matches("[a-z0-9_]+"), longName);
  }

  @Test
  void aDerivedServerIdStaysInRange() {
    long id = CdcSettings.derivedServerId("shop");
    assertTrue(id >= 100_000 && id < 1_000_100_000L, Long.toString(id));
    assertEquals(id, CdcSettings.derivedServerId("shop"));
  }

  @Test
  void settingsAreReadOnceAndNeverPrintThePassword() {
    CdcSettings settings =
        CdcSettings.from(
            new ConnectorConfig(
                "mariadb",
                Map.of(
                    "host",
                    "db",
                    "database",
                    "shop",
                    "user",
                    "reader",
                    "password",
                    "s3cret",
                    "server_id",
                    "4242")),
            3306);
    assertEquals(3306, settings.port());
    assertEquals(4242L, settings.serverId().orElseThrow());
    assertFalse(settings.toString().contains("s3cret"), settings.toString());
  }

  @Test
  void aWrongServerIdIsExplained() {
    ConnectorConfig config =
        new ConnectorConfig(
            "mariadb",
            Map.of("host", "db", "database", "shop", "user", "reader", "server_id", "zero"));
    DpException error = assertThrows(DpException.class, () -> CdcSettings.from(config, 3306));
    assertEquals(
        "Cannot configure mariadb source: server_id must be an integer from 1 to 4294967295"
            + " (zero)",
        error.getMessage());
  }
}
