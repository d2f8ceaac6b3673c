package io.dataplatform.server.roles;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.api.AssetKey;
import io.dataplatform.orchestrator.asset.AssetDefinition;
import io.dataplatform.orchestrator.asset.AssetProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models, seeds and snapshots of every transform project, read from the {@code
 * target/manifest.json} its last run or compile wrote, with their dependencies on each other and on
 * their sources' tables (which ingested streams provide).
 */
public final class TransformAssets implements AssetProvider {
  private static final Logger LOG = LoggerFactory.getLogger(TransformAssets.class);
  private static final Set<String> KINDS = Set.of("model", "seed", "snapshot");
  private final TransformProjects projects;
  private final ObjectMapper mapper = new ObjectMapper();

  public TransformAssets(TransformProjects projects) {
    this.projects = requireNonNull(projects, "projects");
  }

  @Override
  public List<AssetDefinition> assets() {
    List<AssetDefinition> assets = new ArrayList<>();
    for (TransformProjects.Project project : projects.list()) {
      Path manifest = project.path().resolve("target").resolve("manifest.json");
      if (!Files.isRegularFile(manifest)) {
        continue;
      }
      try {
        assets.addAll(assets(project.name(), mapper.readTree(manifest.toFile())));
      } catch (IOException e) {
        LOG.warn("Cannot read the manifest of transform project {}: {}", project, e.getMessage());
      }
    }
    return assets;
  }

  private static List<AssetDefinition> assets(String project, JsonNode manifest) {
    Map<String, AssetKey> keys = new HashMap<>();
    for (Iterator<JsonNode> sources = manifest.path("sources").elements(); sources.hasNext(); ) {
      JsonNode source = sources.next();
      keys.put(
          source.path("unique_id").asText(),
          AssetKey.of(source.path("schema").asText(), source.path("identifier").asText()));
    }
    List<JsonNode> nodes = new ArrayList<>();
    for (Iterator<JsonNode> all = manifest.path("nodes").elements(); all.hasNext(); ) {
      JsonNode node = all.next();
      if (KINDS.contains(node.path("resource_type").asText())) {
        nodes.add(node);
        keys.put(
            node.path("unique_id").asText(),
            AssetKey.of(node.path("schema").asText(), node.path("alias").asText()));
      }
    }
    List<AssetDefinition> assets = new ArrayList<>();
    for (JsonNode node : nodes) {
      List<AssetKey> dependencies = new ArrayList<>();
      for (JsonNode parent : node.path("depends_on").path("nodes")) {
        AssetKey key = keys.get(parent.asText());
        if (key != null) {
          dependencies.add(key);
        }
      }
      String description = node.path("description").asText("");
      assets.add(
          new AssetDefinition(
              keys.get(node.path("unique_id").asText()),
              node.path("resource_type").asText(),
              dependencies,
              description.isEmpty() ? "Transform project " + project : description,
              Optional.empty()));
    }
    return assets;
  }
}
