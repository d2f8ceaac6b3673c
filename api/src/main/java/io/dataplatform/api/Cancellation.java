package io.dataplatform.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A request to stop work that one party starts and another carries out: the party doing the work
 * registers how to stop it (cancel a running SQL statement, close a socket) for as long as it runs;
 * the party that wants it stopped calls {@link #cancel}. Thread-safe.
 *
 * <p>{@link #cancel} may be called more than once; each call runs every action registered at that
 * time again, so a caller can repeat it until the work has ended (an action registered just after a
 * call, while the work it stops was not yet cancellable, is reached by the next call).
 */
public final class Cancellation {
  private final Set<Runnable> actions = ConcurrentHashMap.newKeySet();
  private volatile String reason;

  /** Asks the work to stop and runs the registered stop actions. */
  public void cancel(String reason) {
    requireNonNull(reason, "reason");
    if (this.reason == null) {
      this.reason = reason;
    }
    for (Runnable action : actions) {
      action.run();
    }
  }

  public boolean canceled() {
    return reason != null;
  }

  /** Why the work was canceled; empty while it was not. */
  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }

  /**
   * Registers how to stop the work until the returned registration is closed. When the work was
   * canceled already, the action runs at once, on this thread.
   */
  public Registration onCancel(Runnable action) {
    requireNonNull(action, "action");
    actions.add(action);
    if (canceled()) {
      action.run();
    }
    return () -> actions.remove(action);
  }

  /** Throws the canceled error when the work was canceled, so it does not start. */
  public void throwIfCanceled(String what) {
    if (canceled()) {
      throw new DpException(
          StandardErrorCode.CANCELED, "Cannot " + what + ": it was canceled (" + reason + ")");
    }
  }

  /** A registered stop action, removed when closed. */
  @FunctionalInterface
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
