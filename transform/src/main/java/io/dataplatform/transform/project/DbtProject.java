package io.dataplatform.transform.project;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded dbt project: the root project, its installed packages, every node, source and macro
 * file, and the target.
 *
 * @param nodes models, seeds, snapshots and tests by unique id, in load order
 * @param unitTests the definitions of the unit test nodes, by unique id
 * @param docs {@code {% docs name %}} blocks by name
 * @param cliVars variables from the command line, which override the project's
 */
public record DbtProject(
    ProjectConfig root,
    List<ProjectConfig> packages,
    Map<String, Node> nodes,
    Map<String, SourceTable> sources,
    Map<String, UnitTest> unitTests,
    List<MacroFile> macroFiles,
    Map<String, String> docs,
    Target target,
    Map<String, Object> cliVars) {
  public DbtProject {
    requireNonNull(root, "root");
    packages = List.copyOf(packages);
    requireNonNull(nodes, "nodes");
    requireNonNull(sources, "sources");
    requireNonNull(unitTests, "unitTests");
    macroFiles = List.copyOf(macroFiles);
    requireNonNull(docs, "docs");
    requireNonNull(target, "target");
    requireNonNull(cliVars, "cliVars");
  }

  public String name() {
    return root.name();
  }

  /** The model, seed or snapshot called {@code name}, preferring {@code packageName} if given. */
  public Optional<Node> refable(String packageName, String name) {
    Node found = null;
    for (Node node : nodes.values()) {
      if (node.type() == NodeType.TEST
          || node.type() == NodeType.UNIT_TEST
          || !node.name().equals(name)) {
        continue;
      }
      if (packageName != null && !node.packageName().equals(packageName)) {
        continue;
      }
      if (found == null || node.packageName().equals(root.name())) {
        found = node;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The source table {@code sourceName.tableName}. */
  public Optional<SourceTable> source(String sourceName, String tableName) {
    return sources.values().stream()
        .filter(s -> s.sourceName().equals(sourceName) && s.name().equals(tableName))
        .findFirst();
  }
}
