package io.dataplatform.bench;

/**
 * What was measured of the platform process itself; {@code coldRoundTripMillis} and {@code
 * roundTripMillis} are the median times of {@code SELECT 1} over Flight SQL before and after the
 * warm-up, the fixed cost every query pays.
 */
record PlatformFigures(
    double startupMillis,
    long residentIdleBytes,
    long residentAfterBytes,
    double loadMillis,
    double coldRoundTripMillis,
    double roundTripMillis,
    int exitCode) {}
