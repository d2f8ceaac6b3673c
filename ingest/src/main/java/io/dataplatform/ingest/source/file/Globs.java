package io.dataplatform.ingest.source.file;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;

/**
 * Glob patterns over paths relative to a source's directory or prefix: {@code *} within a folder,
 * {@code **} across folders, {@code {a,b}} alternatives. A pattern starting with {@code **}{@code
 * /} also matches files directly in the directory.
 */
final class Globs {
  private Globs() {}

  static PathMatcher matcher(String glob) {
    try {
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
      if (glob.startsWith("**/")) {
        PathMatcher top = FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3));
        return path -> matcher.matches(path) || top.matches(path);
      }
      return matcher;
    } catch (IllegalArgumentException e) {
      throw new DpException(
          StandardErrorCode.INVALID_CONFIGURATION,
          "Cannot read glob: " + e.getMessage() + " (" + glob + ")",
          e);
    }
  }

  static boolean matches(PathMatcher matcher, Path relative) {
    return matcher.matches(relative);
  }

  static boolean matches(PathMatcher matcher, String relative) {
    return !relative.isEmpty() && matcher.matches(Path.of(relative));
  }
}
