package io.dataplatform.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dp jobs list|run}: the jobs of the pipelines folder. */
@Command(
    name = "jobs",
    description = "List jobs and start runs.",
    subcommands = {JobsCommand.ListJobs.class, JobsCommand.RunJob.class})
public final class JobsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "list", description = "List jobs with their schedules.")
  static final class ListJobs implements Runnable {
    @Mixin ClientOptions client;

    @Override
    public void run() {
      JsonNode jobs = new ServerClient(client).get("/api/v1/jobs").path("jobs");
      System.out.printf("%-30s %-6s %-32s %s%n", "NAME", "STEPS", "SCHEDULE", "PARTITIONS");
      for (JsonNode job : jobs) {
        JsonNode schedule = job.path("schedule");
        String when =
            schedule.isNull() || schedule.isMissingNode()
                ? "-"
                : schedule.path("cron").asText()
                    + " "
                    + schedule.path("timezone").asText()
                    + (schedule.path("enabled").asBoolean() ? "" : " (off)");
        System.out.printf(
            "%-30s %-6d %-32s %s%n",
            job.path("name").asText(),
            job.path("steps").size(),
            when,
            job.path("partitions").isNull() ? "-" : job.path("partitions").asText());
      }
    }
  }

  @Command(name = "run", description = "Start a run of a job and print its id.")
  static final class RunJob implements Runnable {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "NAME", description = "The job's name")
    String name;

    @Option(names = "--partition", paramLabel = "P", description = "The partition to run")
    String partition;

    @Override
    public void run() {
      Map<String, Object> body = new LinkedHashMap<>();
      if (partition != null) {
        body.put("partition", partition);
      }
      JsonNode run = new ServerClient(client).post("/api/v1/jobs/" + name + "/runs", body);
      System.out.println(
          "dp: run "
              + run.path("id").asLong()
              + " of "
              + name
              + " queued (dp runs show "
              + run.path("id").asLong()
              + ")");
    }
  }
}
