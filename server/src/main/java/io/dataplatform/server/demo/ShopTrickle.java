package io.dataplatform.server.demo;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Life in the demo shop while the demo runs: a new order with one to three items at a fixed
 * interval, and now and then a pending order that completes, so change data capture has inserts and
 * updates to follow.
 */
public final class ShopTrickle implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ShopTrickle.class);
  private final ShopDatabase shop;
  private final ScheduledExecutorService scheduler;
  private final Random random = new Random();
  private final AtomicLong orders = new AtomicLong();

  private ShopTrickle(ShopDatabase shop) {
    this.shop = shop;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "demo-shop-orders");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts placing an order every {@code interval}. */
  public static ShopTrickle start(ShopDatabase shop, Duration interval) {
    requireNonNull(shop, "shop");
    ShopTrickle trickle = new ShopTrickle(shop);
    long millis = interval.toMillis();
    trickle.scheduler.scheduleWithFixedDelay(trickle::tick, millis, millis, TimeUnit.MILLISECONDS);
    return trickle;
  }

  /** How many orders this trickle has placed. */
  public long ordersPlaced() {
    return orders.get();
  }

  private void tick() {
    try (Connection connection = shop.connect()) {
      connection.setAutoCommit(false);
      placeOrder(connection);
      if (random.nextInt(3) == 0) {
        completeAPendingOrder(connection);
      }
      connection.commit();
      orders.incrementAndGet();
    } catch (SQLException | RuntimeException e) {
      LOG.warn("Cannot place a demo order: {}", e.getMessage());
    }
  }

  private void placeOrder(Connection connection) throws SQLException {
    long orderId;
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO orders (customer_id, status, ordered_at, updated_at)"
                + " VALUES (?, ?, now(), now()) RETURNING id")) {
      insert.setInt(1, 1 + random.nextInt(1000));
      insert.setString(2, random.nextInt(4) == 0 ? "pending" : "completed");
      try (ResultSet rows = insert.executeQuery()) {
        rows.next();
        orderId = rows.getLong(1);
      }
    }
    try (PreparedStatement item =
        connection.prepareStatement(
            "INSERT INTO order_items (order_id, product_id, quantity, unit_price)"
                + " SELECT ?, id, ?, price FROM products WHERE id = ?")) {
      int items = 1 + random.nextInt(3);
      for (int i = 0; i < items; i++) {
        item.setLong(1, orderId);
        item.setInt(2, 1 + random.nextInt(3));
        item.setInt(3, 1 + random.nextInt(60));
        item.addBatch();
      }
      item.executeBatch();
    }
  }

  private static void completeAPendingOrder(Connection connection) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE orders SET status = 'completed', updated_at = now() WHERE id ="
                + " (SELECT id FROM orders WHERE status = 'pending' ORDER BY ordered_at LIMIT 1)")) {
      update.executeUpdate();
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
