package io.dataplatform.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShopDatabaseIT {
  @TempDir Path directory;

  @Test
  void generatesTheShopOnceAndKeepsItAcrossRestarts() throws Exception {
    int port = freePort();
    long orders;
    try (ShopDatabase shop = ShopDatabase.start(directory, port)) {
      assertEquals(1000, count(shop, "SELECT count(*) FROM customers"));
      assertEquals(60, count(shop, "SELECT count(*) FROM products"));
      assertEquals(
          0,
          count(
              shop,
              "SELECT count(*) FROM (SELECT c.id FROM customers c LEFT JOIN orders o"
                  + " ON o.customer_id = c.id GROUP BY c.id"
                  + " HAVING count(o.id) NOT BETWEEN 5 AND 20) AS outside"),
          "every customer has 5 to 20 orders");
      assertEquals(
          0,
          count(
              shop,
              "SELECT count(*) FROM (SELECT o.id FROM orders o LEFT JOIN order_items i"
                  + " ON i.order_id = o.id GROUP BY o.id"
                  + " HAVING count(i.id) NOT BETWEEN 1 AND 4) AS outside"),
          "every order has 1 to 4 items");
      assertEquals("logical", text(shop, "SHOW wal_level"));
      orders = count(shop, "SELECT count(*) FROM orders");
      try (ShopTrickle trickle = ShopTrickle.start(shop, Duration.ofMillis(100))) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (trickle.ordersPlaced() < 3 && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertTrue(trickle.ordersPlaced() >= 3, "the trickle placed orders");
      }
      orders = count(shop, "SELECT count(*) FROM orders");
    }
    try (ShopDatabase again = ShopDatabase.start(directory, port)) {
      assertEquals(orders, count(again, "SELECT count(*) FROM orders"), "kept, not regenerated");
    }
  }

  private static long count(ShopDatabase shop, String sql) throws Exception {
    return Long.parseLong(text(shop, sql));
  }

  private static String text(ShopDatabase shop, String sql) throws Exception {
    try (Connection connection = shop.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
