package io.dataplatform.orchestrator.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataplatform.api.AssetKey;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code steps} list of a job file. */
final class StepParser {
  private static final List<String> KINDS =
      List.of("sync", "transform", "sql", "refresh", "webhook", "sleep");

  private StepParser() {}

  static List<Step> steps(YamlFields job) {
    List<Step> steps = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int index = 0;
    for (JsonNode node : job.list("steps")) {
      index++;
      Set<String> allowed = new HashSet<>(KINDS);
      allowed.add("name");
      allowed.add("assets");
      YamlFields step = new YamlFields(node, "steps[" + index + "]", job.source(), allowed);
      List<String> kinds = KINDS.stream().filter(step::has).toList();
      if (kinds.size() != 1) {
        throw step.error(step.where() + " needs exactly one of " + KINDS + ", found " + kinds);
      }
      String kind = kinds.get(0);
      String name = step.optionalText("name").orElse(defaultName(step, kind, index));
      if (step.has("name") && !names.add(name)) {
        throw step.error("two steps are named " + name);
      }
      if (!step.has("name") && !names.add(name)) {
        name = name + "_" + index;
        names.add(name);
      }
      steps.add(step(step, kind, name, step.assetKeys("assets")));
    }
    return steps;
  }

  private static String defaultName(YamlFields step, String kind, int index) {
    JsonNode value = step.raw(kind);
    return switch (kind) {
      case "sync" -> value.isTextual() ? "sync_" + safe(value.asText()) : "sync_" + index;
      case "transform" ->
          value.hasNonNull("project")
              ? "transform_" + safe(value.get("project").asText())
              : "transform";
      case "refresh" ->
          value.isTextual() && !value.asText().trim().contains(" ")
              ? "refresh_" + safe(value.asText())
              : value.hasNonNull("view")
                  ? "refresh_" + safe(value.get("view").asText())
                  : "refresh_" + index;
      default -> kind + "_" + index;
    };
  }

  private static String safe(String text) {
    return text.replaceAll("[^A-Za-z0-9_\\-]", "_");
  }

  private static Step step(YamlFields step, String kind, String name, List<AssetKey> assets) {
    return switch (kind) {
      case "sync" -> new SyncStep(name, step.text("sync"), assets);
      case "transform" -> transform(step, name, assets);
      case "sql" -> new SqlStep(name, step.text("sql"), assets);
      case "refresh" -> refresh(step, name, assets);
      case "webhook" -> webhook(step, name, assets);
      default -> new SleepStep(name, Durations.parse("sleep step", step.text("sleep")), assets);
    };
  }

  private static TransformStep transform(YamlFields step, String name, List<AssetKey> assets) {
    if (step.raw("transform").isTextual()) {
      return new TransformStep(name, step.text("transform"), Optional.empty(), assets);
    }
    YamlFields spec = step.mapping("transform", Set.of("project", "select"));
    return new TransformStep(name, spec.text("project"), spec.optionalText("select"), assets);
  }

  private static RefreshStep refresh(YamlFields step, String name, List<AssetKey> assets) {
    List<AssetKey> all = new ArrayList<>(assets);
    if (step.raw("refresh").isTextual()) {
      String text = step.text("refresh").trim();
      if (text.contains(" ")) {
        return new RefreshStep(name, Optional.empty(), Optional.of(text), all);
      }
      all.add(step.assetKey(text));
      return new RefreshStep(name, Optional.of(text), Optional.empty(), all);
    }
    YamlFields spec = step.mapping("refresh", Set.of("view", "sql"));
    Optional<String> view = spec.optionalText("view");
    view.ifPresent(text -> all.add(step.assetKey(text)));
    if (view.isEmpty() && !spec.has("sql")) {
      throw step.error(step.where() + ".refresh needs a view or sql");
    }
    return new RefreshStep(name, view, spec.optionalText("sql"), all);
  }

  static WebhookStep webhook(YamlFields parent, String name, List<AssetKey> assets) {
    YamlFields spec;
    if (parent.raw("webhook").isTextual()) {
      return new WebhookStep(
          name,
          uri(parent, parent.text("webhook")),
          "POST",
          Map.of(),
          Optional.empty(),
          Duration.ofSeconds(30),
          assets);
    }
    spec = parent.mapping("webhook", Set.of("url", "method", "headers", "body", "timeout"));
    Map<String, String> headers = new LinkedHashMap<>();
    if (spec.has("headers")) {
      spec.raw("headers")
          .fields()
          .forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
    }
    return new WebhookStep(
        name,
        uri(spec, spec.text("url")),
        spec.optionalText("method").orElse("POST").toUpperCase(Locale.ROOT),
        headers,
        spec.optionalText("body"),
        Durations.parse("webhook.timeout", spec.optionalText("timeout").orElse("30s")),
        assets);
  }

  private static URI uri(YamlFields spec, String text) {
    try {
      URI uri = new URI(text);
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw new URISyntaxException(text, "not http(s)");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw spec.error(spec.where() + ".url must be an http(s) URL (" + text + ")");
    }
  }
}
