package io.dataplatform.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dp sync NAME [--wait] [--reset | --reset-stream STREAM…]}: starts a sync of a connection.
 */
@Command(name = "sync", description = "Start a sync of a connection.")
public final class SyncCommand implements java.util.concurrent.Callable<Integer> {
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "NAME", description = "The connection")
  String name;

  @Option(
      names = "--wait",
      description = "Follow the sync's log until it ends; exit 1 unless it succeeded")
  boolean await;

  @Option(
      names = "--reset",
      description =
          "Read every stream from the start, replacing its table's rows at the first commit")
  boolean resetAll;

  @Option(
      names = "--reset-stream",
      paramLabel = "STREAM",
      description =
          "Read this stream from the start, replacing its table's rows at the first commit"
              + " (repeatable; resetting a CDC stream resets all CDC streams of the connection)")
  List<String> resetStreams = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    ServerClient server = new ServerClient(client);
    Map<String, Object> body =
        resetAll
            ? Map.of("reset", true)
            : resetStreams.isEmpty() ? Map.of() : Map.of("reset", resetStreams);
    JsonNode started = server.post("/api/v1/connections/" + name + "/syncs", body);
    String syncId = started.path("syncId").asText();
    System.out.println("dp: sync " + syncId + " of " + name + " started");
    if (!await) {
      return 0;
    }
    int printed = 0;
    while (true) {
      JsonNode sync = server.get("/api/v1/syncs/" + syncId);
      JsonNode log = sync.path("log");
      for (; printed < log.size(); printed++) {
        System.out.println(log.get(printed).asText());
      }
      String status = sync.path("status").asText();
      if (!status.equals("RUNNING") && !status.equals("QUEUED")) {
        for (JsonNode stream : sync.path("streams")) {
          System.out.printf(
              "%-32s %-10s %,12d records %,14d bytes%n",
              stream.path("stream").asText(),
              stream.path("status").asText(),
              stream.path("recordsCommitted").asLong(),
              stream.path("bytesCommitted").asLong());
        }
        System.out.println("dp: sync " + syncId + " " + status.toLowerCase(java.util.Locale.ROOT));
        return status.equals("SUCCEEDED") ? 0 : 1;
      }
      Thread.sleep(500);
    }
  }
}
