package io.dataplatform.orchestrator.trigger;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Where new-object sensors learn about objects written to the object store. The server adapts the
 * storage module's {@code StorageService.subscribe(ObjectEventListener)} to this interface, passing
 * on created objects only.
 */
@FunctionalInterface
public interface ObjectEventSource {
  /** A created object (a new version of a key became visible). */
  record NewObject(String bucket, String key, long size, Instant time) {}

  /** Delivers every created object to {@code listener} until the returned handle is closed. */
  AutoCloseable subscribe(Consumer<NewObject> listener);

  /** A source that never reports anything (no object store on this server). */
  ObjectEventSource NONE = listener -> () -> {};
}
