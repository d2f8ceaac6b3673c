package io.dataplatform.transform.project;

import io.dataplatform.api.DpException;
import io.dataplatform.transform.TransformErrorCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Collects the nodes and sources of the root project and its packages. */
final class ResourceCollector {
  private static final Pattern SNAPSHOT =
      Pattern.compile(
          "\\{%-?\\s*snapshot\\s+([A-Za-z0-9_]+)\\s*-?%}(.*?)\\{%-?\\s*endsnapshot\\s*-?%}",
          Pattern.DOTALL);
  private final ProjectConfig root;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, SourceTable> sources = new LinkedHashMap<>();
  private final Map<String, UnitTest> unitTests = new LinkedHashMap<>();
  private final List<MacroFile> testMacroFiles = new ArrayList<>();

  ResourceCollector(ProjectConfig root) {
    this.root = root;
  }

  Map<String, Node> nodes() {
    return nodes;
  }

  Map<String, SourceTable> sources() {
    return sources;
  }

  Map<String, UnitTest> unitTests() {
    return unitTests;
  }

  List<MacroFile> testMacroFiles() {
    return testMacroFiles;
  }

  List<Path> propertyFiles(ProjectConfig project) {
    List<Path> files = new ArrayList<>();
    for (List<String> paths :
        List.of(project.modelPaths(), project.seedPaths(), project.snapshotPaths())) {
      for (String path : paths) {
        files.addAll(ProjectLoader.files(project.root().resolve(path), ".yml"));
        files.addAll(ProjectLoader.files(project.root().resolve(path), ".yaml"));
      }
    }
    return files;
  }

  void collect(ProjectConfig project) {
    for (String path : project.modelPaths()) {
      Path directory = project.root().resolve(path);
      for (Path file : ProjectLoader.files(directory, ".sql")) {
        add(project, NodeType.MODEL, "models", directory, file, ProjectLoader.read(file));
      }
    }
    for (String path : project.seedPaths()) {
      Path directory = project.root().resolve(path);
      for (Path file : ProjectLoader.files(directory, ".csv")) {
        add(project, NodeType.SEED, "seeds", directory, file, "");
      }
    }
    for (String path : project.snapshotPaths()) {
      Path directory = project.root().resolve(path);
      for (Path file : ProjectLoader.files(directory, ".sql")) {
        Matcher matcher = SNAPSHOT.matcher(ProjectLoader.read(file));
        while (matcher.find()) {
          addNamed(
              project,
              NodeType.SNAPSHOT,
              "snapshots",
              directory,
              file,
              matcher.group(1),
              matcher.group(2));
        }
      }
    }
    if (project == root) {
      for (String path : project.testPaths()) {
        Path directory = project.root().resolve(path);
        for (Path file : ProjectLoader.files(directory, ".sql")) {
          String relative = ProjectLoader.relative(directory, file);
          if (relative.startsWith("generic/")) {
            testMacroFiles.add(
                new MacroFile(
                    project.name(),
                    ProjectLoader.relative(project.root(), file),
                    ProjectLoader.read(file)));
          } else {
            add(project, NodeType.TEST, "tests", directory, file, ProjectLoader.read(file));
          }
        }
      }
    } else {
      for (String path : project.testPaths()) {
        for (Path file :
            ProjectLoader.files(project.root().resolve(path).resolve("generic"), ".sql")) {
          testMacroFiles.add(
              new MacroFile(
                  project.name(),
                  ProjectLoader.relative(project.root(), file),
                  ProjectLoader.read(file)));
        }
      }
    }
    PropertyFiles properties = new PropertyFiles(project, root, nodes, sources, unitTests);
    for (Path file : propertyFiles(project)) {
      properties.apply(file);
    }
  }

  private void add(
      ProjectConfig project,
      NodeType type,
      String section,
      Path directory,
      Path file,
      String code) {
    String fileName = file.getFileName().toString();
    String name = fileName.substring(0, fileName.lastIndexOf('.'));
    addNamed(project, type, section, directory, file, name, code);
  }

  private void addNamed(
      ProjectConfig project,
      NodeType type,
      String section,
      Path directory,
      Path file,
      String name,
      String code) {
    String relative = ProjectLoader.relative(directory, file);
    List<String> fqn = new ArrayList<>();
    fqn.add(project.name());
    String[] parts = relative.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      fqn.add(parts[i]);
    }
    fqn.add(name);
    Map<String, Object> config = new LinkedHashMap<>(defaults(type));
    List<String> folders = fqn.subList(1, fqn.size());
    FolderConfigs.merge(
        config,
        FolderConfigs.resolve(project.resourceConfigs().get(section), project.name(), folders));
    if (project != root) {
      // the root project may configure a package's nodes under the package's name
      FolderConfigs.merge(
          config,
          FolderConfigs.resolve(root.resourceConfigs().get(section), project.name(), folders));
    }
    String uniqueId = type.resourceType() + "." + project.name() + "." + name;
    if (nodes.containsKey(uniqueId)) {
      throw new DpException(
          TransformErrorCode.INVALID_PROJECT,
          "Cannot load dbt project: two resources are named "
              + name
              + " ("
              + nodes.get(uniqueId).originalFilePath()
              + ", "
              + ProjectLoader.relative(project.root(), file)
              + ")");
    }
    nodes.put(
        uniqueId,
        new Node(
            uniqueId,
            type,
            project.name(),
            name,
            ProjectLoader.relative(project.root(), file),
            relative,
            fqn,
            code,
            config,
            "",
            Map.of(),
            Optional.empty()));
  }

  static Map<String, Object> defaults(NodeType type) {
    return switch (type) {
      case MODEL -> Map.of("materialized", "view", "enabled", true);
      case SEED -> Map.of("materialized", "seed", "enabled", true, "delimiter", ",");
      case SNAPSHOT -> Map.of("materialized", "snapshot", "enabled", true);
      case TEST -> Map.of("materialized", "test", "severity", "ERROR", "enabled", true);
      case SOURCE, UNIT_TEST -> Map.of("enabled", true);
    };
  }
}
