package io.dataplatform.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dp runs list|show|logs|cancel}: job runs. */
@Command(
    name = "runs",
    description = "List, inspect and cancel job runs.",
    subcommands = {
      RunsCommand.ListRuns.class,
      RunsCommand.Show.class,
      RunsCommand.Logs.class,
      RunsCommand.Cancel.class
    })
public final class RunsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static final String ROW = "%-8s %-24s %-10s %-8s %-24s %-26s %s%n";

  @Command(name = "list", description = "List recent runs, newest first.")
  static final class ListRuns implements Runnable {
    @Mixin ClientOptions client;

    @Option(names = "--job", paramLabel = "NAME", description = "Only runs of this job")
    String job;

    @Option(names = "--status", paramLabel = "S", description = "Only runs in this status")
    String status;

    @Option(names = "--limit", paramLabel = "N", description = "At most N runs (default 50)")
    int limit = 50;

    @Override
    public void run() {
      StringBuilder path = new StringBuilder("/api/v1/runs?limit=" + limit);
      if (job != null) {
        path.append("&job=")
            .append(java.net.URLEncoder.encode(job, java.nio.charset.StandardCharsets.UTF_8));
      }
      if (status != null) {
        path.append("&status=").append(status);
      }
      JsonNode runs = new ServerClient(client).get(path.toString()).path("runs");
      System.out.printf(ROW, "ID", "JOB", "STATUS", "ATTEMPT", "PARTITIONS", "CREATED", "TRIGGER");
      for (JsonNode run : runs) {
        System.out.printf(
            ROW,
            run.path("id").asLong(),
            run.path("job").asText(),
            run.path("status").asText(),
            run.path("attempt").asInt() + "/" + run.path("maxAttempts").asInt(),
            partitions(run),
            run.path("createdAt").asText(),
            run.path("trigger").asText());
      }
    }
  }

  static String partitions(JsonNode run) {
    if (run.path("partitionFrom").isNull()) {
      return "-";
    }
    String from = run.path("partitionFrom").asText();
    String to = run.path("partitionTo").asText();
    return from.equals(to) ? from : from + ".." + to;
  }

  @Command(name = "show", description = "Show a run and its steps.")
  static final class Show implements Runnable {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "ID", description = "The run's id")
    long id;

    @Override
    public void run() {
      JsonNode run = new ServerClient(client).get("/api/v1/runs/" + id);
      System.out.println("run        " + run.path("id").asLong());
      System.out.println("job        " + run.path("job").asText());
      System.out.println("status     " + run.path("status").asText());
      System.out.println(
          "attempt    " + run.path("attempt").asInt() + " of " + run.path("maxAttempts").asInt());
      System.out.println(
          "trigger    " + run.path("trigger").asText() + ": " + run.path("triggerDetail").asText());
      System.out.println("partitions " + partitions(run));
      if (!run.path("error").isNull()) {
        System.out.println("error      " + run.path("error").asText());
      }
      System.out.printf("%n%-4s %-30s %-10s %-8s %s%n", "#", "STEP", "STATUS", "ATTEMPTS", "ERROR");
      for (JsonNode step : run.path("steps")) {
        System.out.printf(
            "%-4d %-30s %-10s %-8d %s%n",
            step.path("index").asInt() + 1,
            step.path("name").asText(),
            step.path("status").asText(),
            step.path("attempts").asInt(),
            step.path("error").isNull() ? "" : step.path("error").asText());
      }
    }
  }

  @Command(name = "logs", description = "Print a run's events and log lines.")
  static final class Logs implements Runnable {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "ID", description = "The run's id")
    long id;

    @Option(names = "--follow", description = "Keep printing until the run ends")
    boolean follow;

    @Override
    public void run() {
      ServerClient server = new ServerClient(client);
      long after = 0;
      while (true) {
        JsonNode events =
            server.get("/api/v1/runs/" + id + "/events?after=" + after).path("events");
        for (JsonNode event : events) {
          System.out.printf(
              "%s %-18s %s%s%n",
              event.path("time").asText(),
              event.path("kind").asText(),
              event.path("step").isNull() ? "" : "[" + event.path("step").asText() + "] ",
              event.path("message").asText());
          after = event.path("id").asLong();
        }
        if (!follow || (events.isEmpty() && finished(server))) {
          return;
        }
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    private boolean finished(ServerClient server) {
      String status = server.get("/api/v1/runs/" + id).path("status").asText();
      return status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELED");
    }
  }

  @Command(name = "cancel", description = "Cancel a queued or running run.")
  static final class Cancel implements Runnable {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "ID", description = "The run's id")
    long id;

    @Override
    public void run() {
      JsonNode result = new ServerClient(client).post("/api/v1/runs/" + id + "/cancel", Map.of());
      String status = result.path("status").asText();
      System.out.println(
          "dp: run "
              + id
              + (status.equals("CANCELED") ? " canceled" : " is stopping (" + status + ")"));
    }
  }
}
