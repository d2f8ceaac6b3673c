package io.dataplatform.api.connector;

import java.time.Duration;
import java.util.Optional;

/**
 * An ongoing read. The engine calls {@link #poll} from one thread until it returns a message with
 * no more data ({@link #isFinished()}), or closes the reader to stop (a cancelled sync, a CDC
 * stream stopped by the user or the server shutting down).
 */
public interface SourceReader extends AutoCloseable {
  /**
   * The next message, waiting up to {@code timeout}; empty when nothing arrived in time (a CDC
   * stream with no changes).
   *
   * @throws io.dataplatform.api.DpException when reading failed; the engine commits nothing past
   *     the last checkpoint
   * @throws InterruptedException when the calling thread was interrupted
   */
  Optional<SourceMessage> poll(Duration timeout) throws InterruptedException;

  /** True once every stream has sent its {@link SourceMessage.StreamEnd}. */
  boolean isFinished();

  /**
   * Tells the reader that everything up to these checkpoints is durably committed, so a change-log
   * source may acknowledge it (advance a replication slot, purge its offsets). Default: nothing.
   */
  default void committed(SourceMessage.Checkpoint checkpoint) {}

  /** Stops reading and releases connections and threads. Never throws. */
  @Override
  void close();
}
