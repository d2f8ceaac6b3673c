package io.dataplatform.server.cli;

import io.dataplatform.lakehouse.sql.SqlService;
import io.dataplatform.lakehouse.sql.SqlSession;
import io.dataplatform.lakehouse.sql.StatementResult;
import io.dataplatform.server.auth.AuthService;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code dp demo}: {@code dp up} with a small demo data set loaded on first start. */
@Command(name = "demo", description = "Start the platform with its demo data set.")
public final class DemoCommand implements Runnable {
  static final List<String> DEMO_STATEMENTS =
      List.of(
          "CREATE SCHEMA demo",
          "CREATE TABLE demo.customers (id INTEGER, name VARCHAR, city VARCHAR, signed_up DATE)",
          "INSERT INTO demo.customers SELECT i, 'customer ' || i,"
              + " ['Lyon', 'Paris', 'Nantes', 'Lille', 'Bordeaux'][1 + i % 5],"
              + " DATE '2024-01-01' + INTERVAL (i % 365) DAY FROM range(1, 501) t(i)",
          "CREATE TABLE demo.orders (id BIGINT, customer_id INTEGER, order_date DATE,"
              + " amount DECIMAL(12, 2), status VARCHAR) PARTITIONED BY (month(order_date))",
          "INSERT INTO demo.orders SELECT i, 1 + (i * 7) % 500,"
              + " DATE '2025-01-01' + INTERVAL (i % 300) DAY,"
              + " CAST(10 + (i * 37) % 990 AS DECIMAL(12, 2)) + 0.99,"
              + " CASE WHEN i % 10 = 0 THEN 'returned' ELSE 'shipped' END"
              + " FROM range(1, 20001) t(i)",
          "CREATE VIEW demo.revenue_by_city AS SELECT c.city, count(*) AS orders,"
              + " sum(o.amount) AS revenue FROM demo.orders o JOIN demo.customers c"
              + " ON o.customer_id = c.id WHERE o.status = 'shipped' GROUP BY c.city");

  @Mixin ServerOptions options;

  @Override
  public void run() {
    UpCommand.serve(
        options.load(),
        platform -> {
          if (platform.lakehouse().browser().namespaces().contains("demo")) {
            System.out.println("dp: demo data set already loaded (schema demo)");
            return;
          }
          load(platform.lakehouse().sql());
          System.out.println(
              "dp: loaded the demo data set: demo.customers, demo.orders, demo.revenue_by_city");
          String password = platform.generatedAdminPassword().orElse("<the admin password>");
          System.out.println(
              "dp: try  ./dp sql --password '"
                  + password
                  + "' \"select * from demo.revenue_by_city order by revenue desc\"");
        });
  }

  static void load(SqlService sql) {
    SqlSession session = new SqlSession(AuthService.ADMIN, "demo");
    for (String statement : DEMO_STATEMENTS) {
      try (StatementResult result = sql.execute(session, statement, List.of())) {
        result.rowsReturned(0);
      }
    }
  }
}
