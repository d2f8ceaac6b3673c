package io.dataplatform.storage;

/**
 * Receives an event after each object change is committed, on the thread that made the change. An
 * exception thrown here is logged and does not undo the change.
 */
@FunctionalInterface
public interface ObjectEventListener {
  /** A listener that ignores every event. */
  ObjectEventListener NONE = event -> {};

  void objectChanged(ObjectEvent event);
}
