package io.dataplatform.storage.disk;

/**
 * Receives an event after each object change is durably committed. Called on the thread that made
 * the change; an exception thrown here is logged and does not undo the change.
 */
@FunctionalInterface
public interface ObjectEventListener {
  /** A listener that ignores every event. */
  ObjectEventListener NONE = event -> {};

  void objectChanged(ObjectEvent event);
}
