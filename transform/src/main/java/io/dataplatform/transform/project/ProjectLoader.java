package io.dataplatform.transform.project;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataplatform.api.DpException;
import io.dataplatform.transform.TransformErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads a dbt project directory: dbt_project.yml, profiles.yml, packages and every resource. */
public final class ProjectLoader {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern DOCS =
      Pattern.compile(
          "\\{%-?\\s*docs\\s+([A-Za-z0-9_]+)\\s*-?%}(.*?)\\{%-?\\s*enddocs\\s*-?%}",
          Pattern.DOTALL);

  private ProjectLoader() {}

  /**
   * Loads the project in {@code directory}.
   *
   * @param targetName the profile target to use; empty for the profile's default
   * @param cliVars {@code --vars}
   */
  public static DbtProject load(
      Path directory, Optional<String> targetName, Map<String, Object> cliVars) {
    Path root = directory.toAbsolutePath().normalize();
    ProjectConfig rootConfig = readProjectFile(root);
    List<ProjectConfig> packages = new ArrayList<>();
    Path packagesDirectory = root.resolve("dbt_packages");
    if (Files.isDirectory(packagesDirectory)) {
      try (Stream<Path> entries = Files.list(packagesDirectory)) {
        for (Path entry : entries.sorted().toList()) {
          if (Files.isRegularFile(entry.resolve("dbt_project.yml"))) {
            packages.add(readProjectFile(entry));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Target target = Profiles.target(root, rootConfig.profile(), targetName);
    ResourceCollector collector = new ResourceCollector(rootConfig);
    Map<String, String> docs = new LinkedHashMap<>();
    List<MacroFile> macros = new ArrayList<>();
    for (ProjectConfig project : concat(packages, rootConfig)) {
      collector.collect(project);
      for (String macroPath : project.macroPaths()) {
        for (Path file : files(project.root().resolve(macroPath), ".sql")) {
          macros.add(new MacroFile(project.name(), relative(project.root(), file), read(file)));
        }
      }
      for (Path file : files(project.root(), ".md")) {
        collectDocs(read(file), docs);
      }
    }
    for (MacroFile file : collector.testMacroFiles()) {
      macros.add(file);
    }
    for (ProjectConfig project : concat(packages, rootConfig)) {
      for (Path file : collector.propertyFiles(project)) {
        collectDocs(read(file), docs);
      }
    }
    return new DbtProject(
        rootConfig,
        packages,
        collector.nodes(),
        collector.sources(),
        collector.unitTests(),
        macros,
        docs,
        target,
        cliVars);
  }

  private static List<ProjectConfig> concat(List<ProjectConfig> packages, ProjectConfig root) {
    List<ProjectConfig> all = new ArrayList<>(packages);
    all.add(root);
    return all;
  }

  private static void collectDocs(String text, Map<String, String> docs) {
    Matcher matcher = DOCS.matcher(text);
    while (matcher.find()) {
      docs.put(matcher.group(1), matcher.group(2).strip());
    }
  }

  /** Reads {@code dbt_project.yml} in {@code root}. */
  public static ProjectConfig readProjectFile(Path root) {
    Path file = root.resolve("dbt_project.yml");
    if (!Files.isRegularFile(file)) {
      throw new DpException(
          TransformErrorCode.INVALID_PROJECT,
          "Cannot load dbt project: no dbt_project.yml in the directory (" + root + ")");
    }
    Map<String, Object> yaml = readYaml(file);
    Object name = yaml.get("name");
    if (name == null) {
      throw new DpException(
          TransformErrorCode.INVALID_PROJECT,
          "Cannot load dbt project: dbt_project.yml has no name (" + file + ")");
    }
    Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
    for (String section : List.of("models", "seeds", "snapshots", "tests", "data_tests")) {
      Map<String, Object> value = FolderConfigs.asMap(yaml.get(section));
      sections.put(
          section.equals("data_tests") ? "tests" : section, value == null ? Map.of() : value);
    }
    Map<String, List<String>> dispatch = new LinkedHashMap<>();
    for (Object entry : FolderConfigs.asList(yaml.get("dispatch"))) {
      Map<String, Object> item = FolderConfigs.asMap(entry);
      if (item != null && item.get("macro_namespace") != null) {
        dispatch.put(
            item.get("macro_namespace").toString(),
            FolderConfigs.asList(item.get("search_order")).stream().map(String::valueOf).toList());
      }
    }
    Map<String, Object> vars = FolderConfigs.asMap(yaml.get("vars"));
    return new ProjectConfig(
        name.toString(),
        root,
        String.valueOf(yaml.getOrDefault("profile", name)),
        paths(yaml, "model-paths", "source-paths", "models"),
        paths(yaml, "seed-paths", "data-paths", "seeds"),
        paths(yaml, "test-paths", null, "tests"),
        paths(yaml, "macro-paths", null, "macros"),
        paths(yaml, "snapshot-paths", null, "snapshots"),
        String.valueOf(yaml.getOrDefault("target-path", "target")),
        vars == null ? Map.of() : vars,
        sections,
        strings(yaml.get("on-run-start")),
        strings(yaml.get("on-run-end")),
        dispatch);
  }

  private static List<String> paths(
      Map<String, Object> yaml, String key, String legacyKey, String defaultPath) {
    Object value = yaml.get(key);
    if (value == null && legacyKey != null) {
      value = yaml.get(legacyKey);
    }
    return value == null ? List.of(defaultPath) : strings(value);
  }

  static List<String> strings(Object value) {
    return FolderConfigs.asList(value).stream().map(String::valueOf).toList();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> readYaml(Path file) {
    try {
      Object value = YAML.readValue(file.toFile(), Object.class);
      return value instanceof Map<?, ?> ? (Map<String, Object>) value : new LinkedHashMap<>();
    } catch (IOException e) {
      throw new DpException(
          TransformErrorCode.INVALID_PROJECT,
          "Cannot read YAML file: "
              + e.getMessage().lines().findFirst().orElse("")
              + " ("
              + file
              + ")",
          e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DpException(
          TransformErrorCode.INVALID_PROJECT,
          "Cannot read project file: " + e + " (" + file + ")",
          e);
    }
  }

  /** Files below {@code directory} ending with {@code suffix}, sorted; none if it is missing. */
  static List<Path> files(Path directory, String suffix) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(suffix))
          .filter(p -> !skipped(directory.relativize(p)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Installed packages, build output and hidden directories are not part of a resource path. */
  private static boolean skipped(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.equals("dbt_packages") || name.equals("target") || name.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }
}
