package io.dataplatform.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dp syncs NAME}: the sync history of a connection. */
@Command(name = "syncs", description = "List the latest syncs of a connection.")
public final class SyncsCommand implements Runnable {
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "NAME", description = "The connection")
  String name;

  @Option(names = "--limit", defaultValue = "20", description = "How many syncs to show")
  int limit;

  @Override
  public void run() {
    JsonNode syncs =
        new ServerClient(client)
            .get("/api/v1/connections/" + name + "/syncs?limit=" + limit)
            .path("syncs");
    System.out.printf(
        "%-36s %-10s %-27s %12s %14s %s%n",
        "SYNC", "STATUS", "STARTED", "RECORDS", "BYTES", "ERROR");
    for (JsonNode sync : syncs) {
      System.out.printf(
          "%-36s %-10s %-27s %12d %14d %s%n",
          sync.path("syncId").asText(),
          sync.path("status").asText(),
          sync.path("startedAt").asText(),
          sync.path("recordsCommitted").asLong(),
          sync.path("bytesCommitted").asLong(),
          sync.path("error").asText(""));
    }
  }
}
