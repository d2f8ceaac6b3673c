package io.dataplatform.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import io.dataplatform.api.SourcePosition;
import io.dataplatform.api.StandardErrorCode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestStatementErrors {
  @TempDir Path directory;
  LakehouseFixture lake;

  @BeforeEach
  void open() {
    lake = new LakehouseFixture(directory);
  }

  @AfterEach
  void close() {
    lake.close();
  }

  @Test
  void typoInTheFirstKeywordIsASyntaxError() {
    DpException error = assertThrows(DpException.class, () -> lake.update("selec 1 frm"));
    assertEquals(StandardErrorCode.SQL_ERROR, error.code());
    assertTrue(
        error.getMessage().startsWith("Cannot run SQL: Parser Error: syntax error at or near"),
        error.getMessage());
    assertEquals(new SourcePosition(1, 1), error.position().orElseThrow());
  }

  @Test
  void validButUnsupportedStatementIsNotSupported() {
    DpException error =
        assertThrows(DpException.class, () -> lake.update("DEALLOCATE PREPARE nothing"));
    assertEquals(StandardErrorCode.NOT_SUPPORTED, error.code());
    assertEquals(
        "Cannot run statement: the lakehouse does not support this statement (DEALLOCATE)",
        error.getMessage());
  }
}
