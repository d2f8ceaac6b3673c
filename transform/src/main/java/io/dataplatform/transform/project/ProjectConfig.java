package io.dataplatform.transform.project;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The parsed {@code dbt_project.yml} of the root project or of a package.
 *
 * @param vars the project's {@code vars} section as written (global keys and per-package maps)
 * @param resourceConfigs the {@code models}, {@code seeds}, {@code snapshots}, {@code tests}
 *     sections, keyed by section name
 * @param dispatch the {@code dispatch} section: macro namespace to search order
 */
public record ProjectConfig(
    String name,
    Path root,
    String profile,
    List<String> modelPaths,
    List<String> seedPaths,
    List<String> testPaths,
    List<String> macroPaths,
    List<String> snapshotPaths,
    String targetPath,
    Map<String, Object> vars,
    Map<String, Map<String, Object>> resourceConfigs,
    List<String> onRunStart,
    List<String> onRunEnd,
    Map<String, List<String>> dispatch) {
  public ProjectConfig {
    requireNonNull(name, "name");
    requireNonNull(root, "root");
    requireNonNull(profile, "profile");
    modelPaths = List.copyOf(modelPaths);
    seedPaths = List.copyOf(seedPaths);
    testPaths = List.copyOf(testPaths);
    macroPaths = List.copyOf(macroPaths);
    snapshotPaths = List.copyOf(snapshotPaths);
    requireNonNull(targetPath, "targetPath");
    requireNonNull(vars, "vars");
    requireNonNull(resourceConfigs, "resourceConfigs");
    onRunStart = List.copyOf(onRunStart);
    onRunEnd = List.copyOf(onRunEnd);
    requireNonNull(dispatch, "dispatch");
  }
}
