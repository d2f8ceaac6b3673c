package io.dataplatform.server.cli;

import io.dataplatform.server.config.ConfigKey;
import io.dataplatform.server.config.ConfigLoader;
import io.dataplatform.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The flags of the commands that run a server. */
public final class ServerOptions {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory (default ./dp-data, or DP_HOME)")
  Path data;

  @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP port (default 8080)")
  Integer httpPort;

  @Option(
      names = "--flight-port",
      paramLabel = "PORT",
      description = "Arrow Flight SQL port (default 32010)")
  Integer flightPort;

  @Option(
      names = "--s3-port",
      paramLabel = "PORT",
      description = "S3-compatible object storage port (default 9000)")
  Integer s3Port;

  @Option(names = "--bind", paramLabel = "HOST", description = "Listen address (default 127.0.0.1)")
  String bindHost;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Configuration file (default ./dp.yml when it exists)")
  Path configFile;

  ServerConfig load() {
    return load(Map.of());
  }

  /** The configuration, with {@code settings} applied over the file and environment as flags. */
  ServerConfig load(Map<ConfigKey, String> settings) {
    Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
    flags.putAll(settings);
    if (data != null) {
      flags.put(ConfigKey.DATA_DIR, data.toString());
    }
    if (httpPort != null) {
      flags.put(ConfigKey.HTTP_PORT, httpPort.toString());
    }
    if (flightPort != null) {
      flags.put(ConfigKey.FLIGHT_PORT, flightPort.toString());
    }
    if (s3Port != null) {
      flags.put(ConfigKey.S3_PORT, s3Port.toString());
    }
    if (bindHost != null) {
      flags.put(ConfigKey.BIND_HOST, bindHost);
    }
    return new ConfigLoader(System.getenv()).load(Optional.ofNullable(configFile), flags);
  }
}
