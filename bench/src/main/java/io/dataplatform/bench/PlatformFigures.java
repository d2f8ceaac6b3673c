package io.dataplatform.bench;

/**
 * What was measured of the platform process itself; {@code roundTripMillis} is the median time of
 * {@code SELECT 1} over Flight SQL, the fixed cost every query pays.
 */
record PlatformFigures(
    double startupMillis,
    long residentIdleBytes,
    long residentAfterBytes,
    double loadMillis,
    double roundTripMillis,
    int exitCode) {}
