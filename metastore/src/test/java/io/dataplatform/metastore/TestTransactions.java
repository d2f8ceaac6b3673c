package io.dataplatform.metastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repository work that commits together or not at all. */
class TestTransactions {
  @TempDir Path directory;
  Metastore metastore;
  Jdbc jdbc;

  @BeforeEach
  void open() {
    metastore = Metastore.open(MetastoreConfig.embedded(directory));
    jdbc = new Jdbc(metastore.dataSource());
    jdbc.update("CREATE TABLE pairs (id INT PRIMARY KEY, note VARCHAR(20))");
  }

  @AfterEach
  void close() {
    metastore.close();
  }

  @Test
  void writesOfSeveralRepositoriesCommitTogether() {
    int updated =
        Transactions.run(
            metastore.dataSource(),
            transactional -> {
              new Jdbc(transactional).update("INSERT INTO pairs VALUES (1, 'status')");
              return new Jdbc(transactional).update("INSERT INTO pairs VALUES (2, 'event')");
            });
    assertEquals(1, updated);
    assertEquals(2L, count());
  }

  @Test
  void aFailureRollsEveryWriteBackAndIsThrownAsItWas() {
    IllegalStateException failure = new IllegalStateException("the second write failed");
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                Transactions.run(
                    metastore.dataSource(),
                    transactional -> {
                      new Jdbc(transactional).update("INSERT INTO pairs VALUES (1, 'status')");
                      throw failure;
                    }));
    assertSame(failure, thrown);
    assertEquals(0L, count());
    DpException duplicate =
        assertThrows(
            DpException.class,
            () ->
                Transactions.run(
                    metastore.dataSource(),
                    transactional -> {
                      Jdbc inside = new Jdbc(transactional);
                      inside.update("INSERT INTO pairs VALUES (1, 'status')");
                      return inside.update("INSERT INTO pairs VALUES (1, 'again')");
                    }));
    assertTrue(
        duplicate.getMessage().startsWith("Cannot run metastore statement:"),
        duplicate.getMessage());
    assertEquals(0L, count());
    jdbc.update("INSERT INTO pairs VALUES (3, 'after')");
    assertEquals(1L, count(), "the connection went back to committing each statement");
  }

  @Test
  void theWorkCannotEndTheTransactionItself() {
    DpException error =
        assertThrows(
            DpException.class,
            () ->
                Transactions.run(
                    metastore.dataSource(),
                    transactional -> {
                      try {
                        transactional.getConnection().commit();
                        return null;
                      } catch (java.sql.SQLException e) {
                        throw new DpException(
                            io.dataplatform.api.StandardErrorCode.INTERNAL_ERROR,
                            e.getMessage(),
                            e);
                      }
                    }));
    assertEquals("Cannot commit inside a metastore transaction", error.getMessage());
  }

  private long count() {
    return jdbc.queryOne("SELECT count(*) FROM pairs", row -> row.getLong(1)).orElseThrow();
  }
}
