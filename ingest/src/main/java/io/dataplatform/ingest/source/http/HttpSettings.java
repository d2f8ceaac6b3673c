package io.dataplatform.ingest.source.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.ConnectorConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The configuration of an HTTP source, read once from the connection. */
record HttpSettings(ApiDefinition definition, HttpAuth auth, HttpFetcher.Policy policy) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  HttpSettings {
    requireNonNull(definition, "definition");
    requireNonNull(auth, "auth");
    requireNonNull(policy, "policy");
  }

  static HttpSettings of(ConnectorConfig config) {
    JsonNode tree;
    if (config.has("definition")) {
      tree = YAML.valueToTree(config.values().get("definition"));
      if (tree.isTextual()) {
        tree = parse(tree.asText(), "the inline definition");
      }
    } else if (config.has("definition_file")) {
      tree = readFile(config);
    } else {
      throw invalid("give the API 'definition' inline or a 'definition_file'");
    }
    ApiDefinition definition = ApiDefinition.of(tree, config.optionalString("base_url"));
    double rate;
    try {
      rate = Double.parseDouble(config.string("requests_per_second", "0"));
    } catch (NumberFormatException e) {
      throw invalid("requests_per_second must be a number");
    }
    HttpFetcher.Policy policy =
        new HttpFetcher.Policy(
            config.integer("max_retries", 5),
            Duration.ofMillis(config.integer("retry_initial_ms", 1000)),
            Duration.ofMillis(config.integer("retry_max_ms", 60_000)),
            rate,
            Duration.ofSeconds(config.integer("timeout_seconds", 60)));
    return new HttpSettings(definition, HttpAuth.of(config), policy);
  }

  private static JsonNode readFile(ConnectorConfig config) {
    String name = config.string("definition_file");
    List<Path> roots = new ArrayList<>();
    for (Path directory : config.context().importDirectories()) {
      try {
        roots.add(directory.toRealPath());
      } catch (IOException e) {
        // a missing import directory holds nothing
      }
    }
    Path given = Path.of(name);
    List<Path> candidates =
        given.isAbsolute()
            ? List.of(given)
            : roots.stream().map(root -> root.resolve(name)).toList();
    for (Path candidate : candidates) {
      Path real;
      try {
        real = candidate.toRealPath();
      } catch (IOException e) {
        continue;
      }
      if (roots.stream().noneMatch(real::startsWith)) {
        throw new DpException(
            StandardErrorCode.PERMISSION_DENIED,
            "Cannot read API definition: the file is outside the import directories ("
                + name
                + ")");
      }
      try {
        return parse(java.nio.file.Files.readString(real), name);
      } catch (IOException e) {
        throw invalid("the file cannot be read (" + name + ": " + e.getMessage() + ")");
      }
    }
    throw invalid("the file does not exist in the import directories (" + name + ")");
  }

  private static JsonNode parse(String text, String where) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw invalid(
          "it is not valid YAML ("
              + where
              + ": "
              + e.getMessage().lines().findFirst().orElse("")
              + ")");
    }
  }

  private static DpException invalid(String reason) {
    return new DpException(
        StandardErrorCode.INVALID_CONFIGURATION, "Cannot configure http source: " + reason);
  }
}
