package io.dataplatform.transform.project;

import io.dataplatform.api.DpException;
import io.dataplatform.transform.TransformErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the optional {@code profiles.yml} of a project (only the target's name and schema matter).
 */
final class Profiles {
  private Profiles() {}

  static Target target(Path root, String profileName, Optional<String> targetName) {
    Target defaults = Target.defaults();
    Path file = root.resolve("profiles.yml");
    if (!Files.isRegularFile(file)) {
      return new Target(
          targetName.orElse(defaults.name()),
          defaults.schema(),
          defaults.type(),
          defaults.database(),
          defaults.threads());
    }
    Map<String, Object> profile =
        FolderConfigs.asMap(ProjectLoader.readYaml(file).get(profileName));
    if (profile == null) {
      throw new DpException(
          TransformErrorCode.INVALID_PROJECT,
          "Cannot load profile: profiles.yml has no profile named "
              + profileName
              + " ("
              + file
              + ")");
    }
    String name =
        targetName.orElse(String.valueOf(profile.getOrDefault("target", defaults.name())));
    Map<String, Object> outputs = FolderConfigs.asMap(profile.get("outputs"));
    Map<String, Object> output = outputs == null ? null : FolderConfigs.asMap(outputs.get(name));
    if (output == null) {
      throw new DpException(
          TransformErrorCode.INVALID_PROJECT,
          "Cannot load profile: profile "
              + profileName
              + " has no target "
              + name
              + " ("
              + file
              + ")");
    }
    Object threads = output.get("threads");
    return new Target(
        name,
        String.valueOf(output.getOrDefault("schema", defaults.schema())).toLowerCase(),
        String.valueOf(output.getOrDefault("type", defaults.type())),
        defaults.database(),
        threads == null ? 1 : Integer.parseInt(threads.toString()));
  }
}
