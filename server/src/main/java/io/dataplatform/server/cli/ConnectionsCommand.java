package io.dataplatform.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.ingest.connection.ConnectionDefinition;
import io.dataplatform.ingest.connection.ConnectionFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dp connections apply|list|show|delete}: connections of a running server. */
@Command(
    name = "connections",
    description = "Apply, list, show and delete connections (sources and the streams to sync).",
    subcommands = {
      ConnectionsCommand.Apply.class,
      ConnectionsCommand.ListConnections.class,
      ConnectionsCommand.Show.class,
      ConnectionsCommand.Delete.class
    })
public final class ConnectionsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(
      name = "apply",
      description =
          "Create or replace a connection from a YAML file; ${NAME} references are filled from"
              + " this shell's environment before the file is sent.")
  static final class Apply implements Runnable {
    @Mixin ClientOptions client;

    @Option(
        names = {"-f", "--file"},
        required = true,
        paramLabel = "FILE",
        description = "The connection file")
    Path file;

    @Override
    public void run() {
      String text;
      try {
        text = Files.readString(file);
      } catch (IOException e) {
        throw new DpException(
            StandardErrorCode.INVALID_ARGUMENT,
            "Cannot read connection file: " + e.getMessage() + " (" + file + ")");
      }
      ConnectionDefinition connection =
          ConnectionFiles.parse(text, name -> Optional.ofNullable(System.getenv(name)));
      JsonNode applied =
          new ServerClient(client).post("/api/v1/connections", ConnectionFiles.toTree(connection));
      System.out.println(
          "dp: connection "
              + applied.path("name").asText()
              + " "
              + applied.path("applied").asText());
    }
  }

  @Command(name = "list", description = "List connections.")
  static final class ListConnections implements Runnable {
    @Mixin ClientOptions client;

    @Override
    public void run() {
      JsonNode connections =
          new ServerClient(client).get("/api/v1/connections").path("connections");
      System.out.printf(
          "%-24s %-12s %-12s %-8s %s%n", "NAME", "SOURCE", "NAMESPACE", "STREAMS", "SCHEDULE");
      for (JsonNode connection : connections) {
        System.out.printf(
            "%-24s %-12s %-12s %-8d %s%n",
            connection.path("name").asText(),
            connection.path("source").path("type").asText(),
            connection.path("destination").path("namespace").asText(),
            connection.path("streams").size(),
            connection.path("schedule").asText("-"));
      }
    }
  }

  @Command(name = "show", description = "Show a connection as YAML; secrets are hidden.")
  static final class Show implements Runnable {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "NAME", description = "The connection")
    String name;

    @Override
    @SuppressWarnings("unchecked")
    public void run() {
      JsonNode connection = new ServerClient(client).get("/api/v1/connections/" + name);
      Map<String, Object> tree = new ObjectMapper().convertValue(connection, Map.class);
      Object running = tree.remove("runningSync");
      Object sourceStatus = tree.remove("sourceStatus");
      System.out.print(ConnectionFiles.toYaml(tree));
      if (running != null) {
        System.out.println("# syncing now: " + running);
      }
      if (sourceStatus instanceof Map<?, ?> status && !status.isEmpty()) {
        // e.g. slot_name, confirmed_flush_lsn and lag_bytes of a PostgreSQL replication slot
        StringBuilder line = new StringBuilder("# at the source:");
        status.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        System.out.println(line);
      }
    }
  }

  @Command(
      name = "delete",
      description = "Delete a connection and its sync history; its tables stay.")
  static final class Delete implements Runnable {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "NAME", description = "The connection")
    String name;

    @Override
    public void run() {
      new ServerClient(client).delete("/api/v1/connections/" + name);
      System.out.println("dp: connection " + name + " deleted");
    }
  }
}
