package io.dataplatform.storage;

/** A registered listener; closing it stops the deliveries. */
public interface Subscription extends AutoCloseable {
  @Override
  void close();
}
