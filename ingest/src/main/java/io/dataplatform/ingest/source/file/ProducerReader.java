package io.dataplatform.ingest.source.file;

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

/**
 * A {@link SourceReader} whose messages come from a producer running on its own thread, through a
 * small bounded queue: the producer waits while the engine is behind, so memory stays bounded, and
 * {@link #poll} honours its timeout however long the producer takes for one message (a large file,
 * an HTTP retry). A failure of the producer is thrown by the next {@link #poll}.
 */
public final class ProducerReader implements SourceReader {
  /** Where a producer sends its messages. */
  @FunctionalInterface
  public interface Sink {
    /** Hands over one message, waiting while the queue is full. */
    void send(SourceMessage message) throws InterruptedException;
  }

  /** The work of a read: sends every message, in order, then returns. */
  @FunctionalInterface
  public interface Producer {
    void produce(Sink sink) throws Exception;
  }

  private sealed interface Item {}

  private record Message(SourceMessage message) implements Item {}

  private record Failure(RuntimeException error) implements Item {}

  private record Done() implements Item {}

  private final BlockingQueue<Item> queue;
  private final Thread thread;
  private final int streams;
  private int ended;
  private boolean done;
  private volatile boolean closed;

  private ProducerReader(String name, int streams, int capacity, Producer producer) {
    this.streams = streams;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(() -> run(producer), name);
    this.thread.setDaemon(true);
  }

  /**
   * Starts {@code producer} on a new thread named {@code name}.
   *
   * @param streams how many {@link SourceMessage.StreamEnd}s make the read finished
   */
  public static ProducerReader start(String name, int streams, Producer producer) {
    requireNonNull(producer, "producer");
    ProducerReader reader = new ProducerReader(requireNonNull(name, "name"), streams, 4, producer);
    reader.thread.start();
    return reader;
  }

  private void run(Producer producer) {
    try {
      producer.produce(message -> queue.put(new Message(message)));
      put(new Done());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (DpException e) {
      put(new Failure(e));
    } catch (Exception | Error e) {
      if (!closed) {
        put(
            new Failure(
                new DpException(
                    StandardErrorCode.INTERNAL_ERROR,
                    "Cannot read source: unexpected failure (" + e + ")",
                    e)));
      }
    }
  }

  private void put(Item item) {
    try {
      queue.put(item);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public Optional<SourceMessage> poll(Duration timeout) throws InterruptedException {
    if (closed) {
      throw new IllegalStateException("Cannot poll source reader: it is closed");
    }
    if (done) {
      return Optional.empty();
    }
    Item item = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (item == null) {
      return Optional.empty();
    }
    if (item instanceof Failure failure) {
      done = true;
      throw failure.error();
    }
    if (item instanceof Done) {
      done = true;
      ended = Math.max(ended, streams);
      return Optional.empty();
    }
    SourceMessage message = ((Message) item).message();
    if (message instanceof SourceMessage.StreamEnd) {
      ended++;
    }
    return Optional.of(message);
  }

  @Override
  public boolean isFinished() {
    return ended >= streams;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    thread.interrupt();
    queue.clear();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
