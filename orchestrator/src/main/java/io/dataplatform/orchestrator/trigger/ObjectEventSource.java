package io.dataplatform.orchestrator.trigger;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where new-object sensors learn about objects written to the object store. The server adapts the
 * storage module's {@code StorageService.subscribe(ObjectEventListener)} to this interface, passing
 * on created objects only, and its listing, so that a sensor catches up after a restart with the
 * objects written since its cursor.
 */
public interface ObjectEventSource {
  /** A created object (a new version of a key became visible). */
  record NewObject(String bucket, String key, long size, Instant time) {}

  /** Delivers every created object to {@code listener} until the returned handle is closed. */
  AutoCloseable subscribe(Consumer<NewObject> listener);

  /** The objects stored under {@code prefix} of {@code bucket} now, with their last change. */
  List<NewObject> existing(String bucket, String prefix);

  /** A source that never reports anything (no object store on this server). */
  ObjectEventSource NONE =
      new ObjectEventSource() {
        @Override
        public AutoCloseable subscribe(Consumer<NewObject> listener) {
          return () -> {};
        }

        @Override
        public List<NewObject> existing(String bucket, String prefix) {
          return List.of();
        }
      };
}
