package io.dataplatform.lakehouse.load;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * A commit handed to the background by {@link TableLoad#commitInBackground}: running, or done with
 * its result or its failure.
 */
public final class PendingCommit {
  private final CompletableFuture<CommitResult> result = new CompletableFuture<>();
  private volatile long millis;

  PendingCommit() {}

  /** Runs the commit in the calling thread (the session's commit thread). */
  void run(Supplier<CommitResult> commit) {
    long started = System.nanoTime();
    CommitResult done;
    try {
      done = commit.get();
    } catch (RuntimeException | Error e) {
      millis = (System.nanoTime() - started) / 1_000_000;
      result.completeExceptionally(e);
      return;
    }
    millis = (System.nanoTime() - started) / 1_000_000;
    result.complete(done);
  }

  /** Whether the commit has finished, successfully or not. */
  public boolean isDone() {
    return result.isDone();
  }

  /**
   * Waits for the commit to finish, even when interrupted (the interrupt is kept for the caller).
   *
   * @return what the commit did
   * @throws DpException when the commit failed; its rows were forgotten then
   */
  public CommitResult result() {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return result.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof DpException dp) {
            throw dp;
          }
          throw new DpException(
              StandardErrorCode.INTERNAL_ERROR, "Cannot commit staged rows: " + cause, cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** How long the commit ran, in milliseconds, once it is done. */
  public long millis() {
    return millis;
  }
}
