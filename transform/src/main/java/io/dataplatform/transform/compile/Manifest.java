package io.dataplatform.transform.compile;

import static java.util.Objects.requireNonNull;

import io.dataplatform.transform.project.DbtProject;
import io.dataplatform.transform.project.Node;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed project: every enabled node with its final configuration, what it depends on, and the
 * nodes whose templates failed to parse (they fail when run, with the recorded message).
 *
 * @param dependsOn for each node, the unique ids of models, seeds, snapshots and sources it uses
 * @param parseErrors messages of nodes that could not be parsed, by unique id
 */
public record Manifest(
    DbtProject project,
    Map<String, Node> nodes,
    Map<String, Set<String>> dependsOn,
    Map<String, String> parseErrors) {
  public Manifest {
    requireNonNull(project, "project");
    requireNonNull(nodes, "nodes");
    requireNonNull(dependsOn, "dependsOn");
    requireNonNull(parseErrors, "parseErrors");
  }

  /** The nodes that depend directly on each node (sources included as keys). */
  public Map<String, Set<String>> children() {
    Map<String, Set<String>> children = new LinkedHashMap<>();
    for (String id : nodes.keySet()) {
      children.put(id, new LinkedHashSet<>());
    }
    for (String id : project.sources().keySet()) {
      children.put(id, new LinkedHashSet<>());
    }
    dependsOn.forEach(
        (child, parents) ->
            parents.forEach(
                parent -> children.computeIfAbsent(parent, p -> new LinkedHashSet<>()).add(child)));
    return children;
  }

  public Set<String> parents(String uniqueId) {
    return dependsOn.getOrDefault(uniqueId, Set.of());
  }

  public List<Node> ordered() {
    return List.copyOf(nodes.values());
  }
}
