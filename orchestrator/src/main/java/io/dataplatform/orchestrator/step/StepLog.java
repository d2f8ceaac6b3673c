package io.dataplatform.orchestrator.step;

/** Receives a step's log lines as they happen. Thread-safe. */
@FunctionalInterface
public interface StepLog {
  void info(String line);

  default void warn(String line) {
    info("WARN " + line);
  }
}
