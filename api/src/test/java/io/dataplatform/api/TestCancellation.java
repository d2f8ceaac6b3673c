package io.dataplatform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestCancellation {
  @Test
  void cancelRunsTheRegisteredActionsEachTimeAndKeepsTheFirstReason() {
    Cancellation cancellation = new Cancellation();
    List<String> calls = new ArrayList<>();
    Cancellation.Registration registration = cancellation.onCancel(() -> calls.add("stop"));
    assertFalse(cancellation.canceled());
    assertEquals(Optional.empty(), cancellation.reason());
    cancellation.cancel("canceled by request");
    cancellation.cancel("timeout");
    assertTrue(cancellation.canceled());
    assertEquals(Optional.of("canceled by request"), cancellation.reason());
    assertEquals(List.of("stop", "stop"), calls);
    registration.close();
    cancellation.cancel("again");
    assertEquals(List.of("stop", "stop"), calls);
  }

  @Test
  void anActionRegisteredAfterTheCancelRunsAtOnce() {
    Cancellation cancellation = new Cancellation();
    cancellation.cancel("server stopping");
    List<String> calls = new ArrayList<>();
    cancellation.onCancel(() -> calls.add("stop")).close();
    assertEquals(List.of("stop"), calls);
  }

  @Test
  void workDoesNotStartOnceCanceled() {
    Cancellation cancellation = new Cancellation();
    cancellation.throwIfCanceled("run statement");
    cancellation.cancel("canceled by request");
    DpException error =
        assertThrows(DpException.class, () -> cancellation.throwIfCanceled("run statement"));
    assertEquals(StandardErrorCode.CANCELED, error.code());
    assertEquals("Cannot run statement: it was canceled (canceled by request)", error.getMessage());
  }
}
