package io.dataplatform.bench;

/** What was measured of the platform process itself. */
record PlatformFigures(
    double startupMillis,
    long residentIdleBytes,
    long residentAfterBytes,
    double loadMillis,
    int exitCode) {}
