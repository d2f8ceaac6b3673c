package io.dataplatform.storage;

import static java.util.Objects.requireNonNull;

import io.dataplatform.storage.disk.ObjectEvent;
import io.dataplatform.storage.disk.ObjectEventListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands object events to subscribers within the process and keeps the most recent ones for listing.
 * Delivery is synchronous on the thread that changed the object, in the order of publication per
 * thread.
 */
public final class ObjectEvents implements ObjectEventListener {
  /** How many events are kept for {@link #recent} by default. */
  public static final int DEFAULT_CAPACITY = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(ObjectEvents.class);

  private final int capacity;
  private final ArrayDeque<ObjectEvent> recent;
  private final List<ObjectEventListener> listeners = new CopyOnWriteArrayList<>();

  public ObjectEvents() {
    this(DEFAULT_CAPACITY);
  }

  public ObjectEvents(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "Cannot keep object events: the capacity must be positive (%d)".formatted(capacity));
    }
    this.capacity = capacity;
    this.recent = new ArrayDeque<>(capacity);
  }

  /** Publishes an event: keeps it and hands it to every subscriber. */
  @Override
  public void objectChanged(ObjectEvent event) {
    requireNonNull(event, "event");
    synchronized (recent) {
      if (recent.size() == capacity) {
        recent.removeFirst();
      }
      recent.addLast(event);
    }
    for (ObjectEventListener listener : listeners) {
      try {
        listener.objectChanged(event);
      } catch (RuntimeException e) {
        // a failing subscriber must not fail the write that already happened, nor starve others
        LOG.warn(
            "Object event subscriber failed ({} {}/{})",
            event.type(),
            event.bucket(),
            event.key(),
            e);
      }
    }
  }

  /**
   * Delivers every event published from now on to {@code listener} until the subscription closes.
   */
  public Subscription subscribe(ObjectEventListener listener) {
    requireNonNull(listener, "listener");
    // wrapped so the same listener can be subscribed twice and each subscription removes its own
    ObjectEventListener registered = listener::objectChanged;
    listeners.add(registered);
    return () -> listeners.remove(registered);
  }

  /**
   * The most recent events, newest first, optionally only those of one bucket and of keys with a
   * prefix.
   */
  public List<ObjectEvent> recent(Optional<String> bucket, Optional<String> keyPrefix, int limit) {
    requireNonNull(bucket, "bucket");
    requireNonNull(keyPrefix, "keyPrefix");
    if (limit < 0) {
      throw new IllegalArgumentException(
          "Cannot list object events: the limit is negative (%d)".formatted(limit));
    }
    List<ObjectEvent> matching = new ArrayList<>();
    synchronized (recent) {
      Iterator<ObjectEvent> newestFirst = recent.descendingIterator();
      while (newestFirst.hasNext() && matching.size() < limit) {
        ObjectEvent event = newestFirst.next();
        if (bucket.map(event.bucket()::equals).orElse(true)
            && keyPrefix.map(event.key()::startsWith).orElse(true)) {
          matching.add(event);
        }
      }
    }
    return List.copyOf(matching);
  }
}
