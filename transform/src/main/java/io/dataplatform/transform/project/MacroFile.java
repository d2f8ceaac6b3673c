package io.dataplatform.transform.project;

import static java.util.Objects.requireNonNull;

/**
 * A file of macros (or generic tests) of the project or of a package.
 *
 * @param originalFilePath the file relative to its package's root
 */
public record MacroFile(String packageName, String originalFilePath, String text) {
  public MacroFile {
    requireNonNull(packageName, "packageName");
    requireNonNull(originalFilePath, "originalFilePath");
    requireNonNull(text, "text");
  }
}
