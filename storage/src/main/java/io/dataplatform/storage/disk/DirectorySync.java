package io.dataplatform.storage.disk;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Group commit of directory fsyncs. Writers that changed entries of the same directory at about the
 * same time (new key directories in a bucket's {@code objects} directory, say) share one fsync
 * instead of each paying for their own.
 *
 * <p>The guarantee: {@link #sync} returns only after an fsync of the directory that <em>started
 * after</em> the call began has completed successfully, so every change the caller made to the
 * directory before calling is durable. While one fsync runs, callers that arrive wait for it and
 * then one of them runs the next fsync for all of them; an fsync that was already running when a
 * caller arrived never counts for that caller, because it may have missed the caller's change.
 */
final class DirectorySync {
  /** Makes a directory's entries durable; {@link Durability#fsyncDirectory} outside tests. */
  @FunctionalInterface
  interface Fsync {
    void fsync(Path directory) throws IOException;
  }

  private final Fsync fsync;
  private final ConcurrentMap<Path, Group> groups = new ConcurrentHashMap<>();

  DirectorySync() {
    this(Durability::fsyncDirectory);
  }

  DirectorySync(Fsync fsync) {
    this.fsync = requireNonNull(fsync, "fsync");
  }

  /** Returns once an fsync of {@code directory} that started after this call has succeeded. */
  void sync(Path directory) throws IOException {
    requireNonNull(directory, "directory");
    groups.computeIfAbsent(directory, Group::new).sync();
  }

  /** Drops the bookkeeping of a directory that no longer exists (a deleted bucket's). */
  void forget(Path directory) {
    groups.remove(directory);
  }

  /** How many callers of {@code directory} wait for an fsync that has not finished yet. */
  int waiting(Path directory) {
    Group group = groups.get(directory);
    return group == null ? 0 : group.waiting();
  }

  /** The fsync rounds of one directory. Tickets number the callers in the order they arrived. */
  private final class Group {
    private final Path directory;
    private long issued;
    private long covered;
    private boolean running;
    private int waiting;
    private long failedFrom = Long.MAX_VALUE;
    private long failedTo;
    private IOException failure;

    Group(Path directory) {
      this.directory = directory;
    }

    synchronized int waiting() {
      return waiting;
    }

    void sync() throws IOException {
      long ticket;
      long round;
      synchronized (this) {
        ticket = ++issued;
        waiting++;
        try {
          while (covered < ticket && !failed(ticket)) {
            if (!running) {
              break;
            }
            wait();
          }
        } catch (InterruptedException e) {
          waiting--;
          Thread.currentThread().interrupt();
          throw new InterruptedIOException(
              "Cannot sync directory: interrupted while waiting (%s)".formatted(directory));
        }
        if (covered >= ticket || failed(ticket)) {
          waiting--;
          throwIfFailed(ticket);
          return;
        }
        // this caller leads the next round; it covers every ticket issued so far
        running = true;
        round = issued;
      }
      IOException error = null;
      boolean succeeded = false;
      try {
        fsync.fsync(directory);
        succeeded = true;
      } catch (IOException e) {
        error = e;
      } finally {
        synchronized (this) {
          running = false;
          if (succeeded) {
            covered = Math.max(covered, round);
          } else {
            // an unchecked failure propagates to this caller; the followers get an IOException
            failedFrom = covered + 1;
            failedTo = round;
            failure =
                error != null
                    ? error
                    : new IOException(
                        "Cannot sync directory: the fsync did not complete (%s)"
                            .formatted(directory));
          }
          waiting--;
          notifyAll();
        }
      }
      if (error != null) {
        throw error;
      }
    }

    private boolean failed(long ticket) {
      return ticket >= failedFrom && ticket <= failedTo;
    }

    private void throwIfFailed(long ticket) throws IOException {
      if (covered < ticket && failed(ticket)) {
        throw new IOException(
            "Cannot sync directory: the shared fsync failed (%s)".formatted(directory), failure);
      }
    }
  }
}
