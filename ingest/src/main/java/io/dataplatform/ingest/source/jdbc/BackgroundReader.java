package io.dataplatform.ingest.source.jdbc;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.api.connector.SourceReader;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A reader whose messages come from one producer thread through a small bounded queue, so reading
 * the source overlaps with the engine writing the previous batch while memory stays bounded.
 */
public final class BackgroundReader implements SourceReader {
  /** Produces every message of a read, in order; returns when every stream has ended. */
  @FunctionalInterface
  public interface Producer {
    void produce(Output output) throws Exception;
  }

  /** Where a producer sends its messages. */
  public interface Output {
    /** Hands a message to the engine, waiting while the queue is full. */
    void send(SourceMessage message) throws InterruptedException;

    /** How to stop the statement now running, called when the reader is closed early. */
    void running(Cancellation cancellation);
  }

  /** Stops a running statement from another thread. */
  @FunctionalInterface
  public interface Cancellation {
    void cancel() throws Exception;
  }

  private record Failure(RuntimeException error) {}

  private enum Done {
    DONE
  }

  private final BlockingQueue<Object> queue;
  private final AtomicReference<Cancellation> running = new AtomicReference<>();
  private final Thread thread;
  private volatile boolean closed;
  private int streamsLeft;
  private RuntimeException failure;

  /**
   * Starts the producer.
   *
   * @param name names the thread, for thread dumps
   * @param streams how many {@link SourceMessage.StreamEnd}s the producer sends
   * @param capacity how many messages may wait in the queue
   */
  public BackgroundReader(String name, int streams, int capacity, Producer producer) {
    requireNonNull(producer, "producer");
    this.queue = new ArrayBlockingQueue<>(capacity + 2);
    this.streamsLeft = streams;
    this.thread = new Thread(() -> run(producer), name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public Optional<SourceMessage> poll(Duration timeout) throws InterruptedException {
    if (failure != null) {
      throw failure;
    }
    if (closed) {
      throw new DpException(StandardErrorCode.CONFLICT, "Cannot poll reader: it is closed");
    }
    Object item = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (item == null) {
      return Optional.empty();
    }
    if (item instanceof Failure failed) {
      failure = failed.error();
      throw failure;
    }
    if (item == Done.DONE) {
      if (streamsLeft > 0) {
        failure =
            new DpException(
                StandardErrorCode.INTERNAL_ERROR,
                "Cannot finish read: the reader stopped before every stream ended ("
                    + streamsLeft
                    + " left)");
        throw failure;
      }
      return Optional.empty();
    }
    SourceMessage message = (SourceMessage) item;
    if (message instanceof SourceMessage.StreamEnd) {
      streamsLeft--;
    }
    return Optional.of(message);
  }

  @Override
  public boolean isFinished() {
    return streamsLeft <= 0;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Cancellation cancellation = running.get();
    if (cancellation != null) {
      try {
        cancellation.cancel();
      } catch (Exception ignored) {
        // the statement may have finished or its connection closed meanwhile
      }
    }
    thread.interrupt();
    queue.clear();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    queue.clear();
  }

  private void run(Producer producer) {
    Output output =
        new Output() {
          @Override
          public void send(SourceMessage message) throws InterruptedException {
            if (closed) {
              throw new InterruptedException("the reader is closed");
            }
            queue.put(message);
          }

          @Override
          public void running(Cancellation cancellation) {
            running.set(cancellation);
          }
        };
    Object last = Done.DONE;
    try {
      producer.produce(output);
    } catch (InterruptedException e) {
      return;
    } catch (DpException e) {
      last = new Failure(new DpException(e.code(), e.getMessage(), e));
    } catch (Exception | LinkageError e) {
      last =
          new Failure(
              new DpException(
                  StandardErrorCode.INTERNAL_ERROR,
                  "Cannot read source: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                  e));
    }
    if (!closed) {
      try {
        queue.put(last);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
