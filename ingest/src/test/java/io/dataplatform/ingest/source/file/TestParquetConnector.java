package io.dataplatform.ingest.source.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dataplatform.api.connector.Connector;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.SourceStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TestParquetConnector extends LocalFileContract {
  @Override
  protected Connector connector() {
    return new ParquetConnector();
  }

  @Override
  protected String extension() {
    return "parquet";
  }

  @Override
  protected void write(Path file, List<Order> orders) throws Exception {
    String values =
        orders.stream()
            .map(
                order ->
                    "("
                        + order.id()
                        + ", CAST("
                        + order.amount()
                        + " AS DECIMAL(10,2)), '"
                        + order.customer()
                        + "')")
            .collect(Collectors.joining(", "));
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duck.createStatement()) {
      statement.execute(
          "COPY (SELECT * FROM (VALUES "
              + values
              + ") AS t(id, amount, customer)) TO '"
              + file
              + "' (FORMAT parquet)");
    }
  }

  @Test
  void parquetTypesAreKept() {
    SourceStream stream = fixture();
    assertEquals(DataType.INT, stream.column("id").orElseThrow().type());
    assertEquals(DataType.decimal(10, 2), stream.column("amount").orElseThrow().type());
    assertEquals(DataType.STRING, stream.column("customer").orElseThrow().type());
  }
}
