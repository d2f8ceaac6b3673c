package io.dataplatform.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dp backfill JOB --from A --to B}: runs a range of partitions. */
@Command(
    name = "backfill",
    description =
        "Run the partitions from A to B of a partitioned job, in a bounded number of runs.")
public final class BackfillCommand implements Runnable {
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "JOB", description = "The job's name")
  String job;

  @Option(names = "--from", required = true, paramLabel = "A", description = "First partition")
  String from;

  @Option(names = "--to", required = true, paramLabel = "B", description = "Last partition")
  String to;

  @Override
  public void run() {
    JsonNode backfill =
        new ServerClient(client)
            .post("/api/v1/jobs/" + job + "/backfills", Map.of("from", from, "to", to));
    System.out.println(
        "dp: backfill "
            + backfill.path("id").asLong()
            + " of "
            + job
            + ": "
            + backfill.path("partitions").asInt()
            + " partitions in "
            + backfill.path("runs").asInt()
            + " runs queued");
  }
}
