package io.dataplatform.ingest.cdc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.debezium.DebeziumException;
import io.debezium.text.ParsingException;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class TestDebeziumReaderReason {
  private static final String STOPPED =
      "An exception occurred in the change event producer. This connector will be stopped.";

  @Test
  void theInnermostCauseThatSaysMoreIsGiven() {
    Throwable error =
        new ConnectException(
            STOPPED,
            new DebeziumException("Error processing binlog event", new RuntimeException()));
    assertEquals(
        STOPPED + ": Error processing binlog event", DebeziumReader.reason(STOPPED, error));
    assertEquals(STOPPED, DebeziumReader.reason(STOPPED, new ConnectException(STOPPED)));
    assertEquals("the change reader stopped", DebeziumReader.reason(null, null));
  }

  @Test
  void anUnparseableStatementIsNamedWithWhatToDo() {
    Throwable error =
        new ConnectException(
            STOPPED,
            new DebeziumException(
                new ParsingException(
                    null,
                    "DDL statement couldn't be parsed. Please open an issue with the statement"
                        + " 'CREATE TABLE t (\n  a inet6\n)'\nno viable alternative at input 'CREATE"
                        + " TABLE t (\n  a inet6'")));
    assertEquals(
        STOPPED
            + ": the change reader cannot parse a statement of the source's log (CREATE TABLE t ("
            + " a inet6 )); a table defined with syntax it does not know cannot be captured. Reset"
            + " the connection's CDC streams to take a new snapshot after that statement (dp sync"
            + " <connection> --reset)",
        DebeziumReader.reason(STOPPED, error));
  }
}
