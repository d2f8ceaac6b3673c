package io.dataplatform.bench;

/**
 * A fixed amount of integer work timed on one core, so that runs made at different moments can be
 * compared: on a shared virtual machine the same work can take half as long again from one minute
 * to the next, and every rate the benchmarks print moves with it.
 */
final class HostCheck {
  private static final long ITERATIONS = 100_000_000L;
  private static final int TRIES = 3;

  private HostCheck() {}

  /** Milliseconds the work took, best of three; lower is a faster host. */
  static double millis() {
    double best = Double.MAX_VALUE;
    long sink = 0;
    for (int attempt = 0; attempt < TRIES; attempt++) {
      long started = System.nanoTime();
      sink += work(ITERATIONS, attempt);
      best = Math.min(best, (System.nanoTime() - started) / 1e6);
    }
    if (sink == 42) {
      System.out.print(""); // keeps the work from being optimised away
    }
    return best;
  }

  /** A xorshift sequence: each step depends on the one before, so it cannot be vectorised. */
  static long work(long iterations, long seed) {
    long x = seed * 0x9E3779B97F4A7C15L + 1;
    for (long i = 0; i < iterations; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
    }
    return x;
  }
}
