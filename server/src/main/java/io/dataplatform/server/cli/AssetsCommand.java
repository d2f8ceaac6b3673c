package io.dataplatform.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dp assets list|materialize}: the asset graph. */
@Command(
    name = "assets",
    description = "List assets and materialize them.",
    subcommands = {AssetsCommand.ListAssets.class, AssetsCommand.Materialize.class})
public final class AssetsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "list", description = "List assets with their status.")
  static final class ListAssets implements Runnable {
    @Mixin ClientOptions client;

    @Override
    public void run() {
      JsonNode assets = new ServerClient(client).get("/api/v1/assets").path("assets");
      System.out.printf(
          "%-40s %-9s %-20s %-8s %-26s %s%n",
          "KEY", "KIND", "JOB", "STATUS", "LAST MATERIALIZATION", "DEPENDS ON");
      for (JsonNode asset : assets) {
        String status =
            asset.path("running").asBoolean()
                ? "running"
                : asset.path("stale").asBoolean() ? "stale" : "fresh";
        System.out.printf(
            "%-40s %-9s %-20s %-8s %-26s %s%n",
            asset.path("key").asText(),
            asset.path("kind").asText(),
            asset.path("job").isNull() ? "-" : asset.path("job").asText(),
            status,
            asset.path("lastMaterialization").isNull()
                ? "-"
                : asset.path("lastMaterialization").asText(),
            String.join(", ", iterable(asset.path("dependencies"))));
      }
    }

    private static Iterable<String> iterable(JsonNode list) {
      java.util.List<String> values = new java.util.ArrayList<>();
      list.forEach(value -> values.add(value.asText()));
      return values;
    }
  }

  @Command(name = "materialize", description = "Run the job that materializes an asset.")
  static final class Materialize implements Runnable {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "KEY", description = "The asset key, e.g. marts.fct_orders")
    String key;

    @Option(names = "--partition", paramLabel = "P", description = "The partition to materialize")
    String partition;

    @Override
    public void run() {
      Map<String, Object> body = new LinkedHashMap<>();
      if (partition != null) {
        body.put("partition", partition);
      }
      JsonNode run = new ServerClient(client).post("/api/v1/assets/" + key + "/materialize", body);
      System.out.println(
          "dp: run " + run.path("id").asLong() + " of " + run.path("job").asText() + " queued");
    }
  }
}
