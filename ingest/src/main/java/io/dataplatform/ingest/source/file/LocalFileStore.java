package io.dataplatform.ingest.source.file;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Files under a directory inside one of the platform's import directories. Every path is resolved
 * with its symbolic links before use, so a link cannot lead a source outside the import
 * directories.
 */
public final class LocalFileStore implements FileStore {
  private final Path root;
  private final List<Path> importDirectories;
  private final PathMatcher glob;
  private final String globText;

  private LocalFileStore(Path root, List<Path> importDirectories, String glob) {
    this.root = root;
    this.importDirectories = importDirectories;
    this.globText = glob;
    this.glob = Globs.matcher(glob);
  }

  /**
   * The directory {@code path} (absolute, or relative to the first import directory that holds it)
   * of the given import directories.
   *
   * @throws DpException when the directory does not exist or lies outside every import directory
   */
  public static LocalFileStore open(
      String type, String path, String glob, List<Path> importDirectories) {
    requireNonNull(path, "path");
    if (importDirectories.isEmpty()) {
      throw new DpException(
          StandardErrorCode.INVALID_CONFIGURATION,
          "Cannot read "
              + type
              + " files: the platform has no import directories; set ingest.import-directories"
              + " or read the files from S3 ("
              + path
              + ")");
    }
    List<Path> roots = new ArrayList<>();
    for (Path directory : importDirectories) {
      try {
        roots.add(directory.toRealPath());
      } catch (IOException e) {
        // an import directory that does not exist holds nothing
      }
    }
    Path candidate = Path.of(path);
    List<Path> tries =
        candidate.isAbsolute()
            ? List.of(candidate)
            : roots.stream().map(root -> root.resolve(path)).toList();
    for (Path attempt : tries) {
      Path real;
      try {
        real = attempt.toRealPath();
      } catch (IOException e) {
        continue;
      }
      if (!Files.isDirectory(real)) {
        throw new DpException(
            StandardErrorCode.INVALID_CONFIGURATION,
            "Cannot read " + type + " files: the path is not a directory (" + path + ")");
      }
      if (!inside(real, roots)) {
        throw outside(type, path, importDirectories);
      }
      return new LocalFileStore(real, roots, glob);
    }
    if (candidate.isAbsolute() && !inside(candidate.normalize(), roots)) {
      throw outside(type, path, importDirectories);
    }
    throw new DpException(
        StandardErrorCode.INVALID_CONFIGURATION,
        "Cannot read "
            + type
            + " files: the directory does not exist in the import directories ("
            + path
            + ")");
  }

  private static DpException outside(String type, String path, List<Path> importDirectories) {
    return new DpException(
        StandardErrorCode.PERMISSION_DENIED,
        "Cannot read "
            + type
            + " files: the path is outside the import directories ("
            + path
            + "; import directories "
            + importDirectories
            + ")");
  }

  private static boolean inside(Path real, List<Path> roots) {
    return roots.stream().anyMatch(real::startsWith);
  }

  @Override
  public List<FileObject> list() {
    List<FileObject> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
      for (Path file : (Iterable<Path>) walk::iterator) {
        Path relative = root.relativize(file);
        if (!Files.isRegularFile(file) || !Globs.matches(glob, relative)) {
          continue;
        }
        Path real = file.toRealPath();
        if (!inside(real, importDirectories)) {
          throw new DpException(
              StandardErrorCode.PERMISSION_DENIED,
              "Cannot read file: it links to a place outside the import directories ("
                  + file
                  + " -> "
                  + real
                  + ")");
        }
        BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
        files.add(
            new FileObject(
                real.toString(),
                relative.toString().replace('\\', '/'),
                attributes.lastModifiedTime().toInstant(),
                attributes.size(),
                attributes.lastModifiedTime().toMillis() + ":" + attributes.size()));
      }
    } catch (NoSuchFileException e) {
      throw new DpException(
          StandardErrorCode.INVALID_CONFIGURATION,
          "Cannot list files: the directory is gone (" + root + ")",
          e);
    } catch (IOException | UncheckedIOException e) {
      throw new DpException(
          StandardErrorCode.EXTERNAL_FAILURE,
          "Cannot list files: " + e.getMessage() + " (" + root + ")",
          e);
    }
    files.sort(Comparator.comparing(FileObject::modified).thenComparing(FileObject::name));
    return files;
  }

  @Override
  public Path localCopy(FileObject file, Path workDirectory) {
    Path path = Path.of(file.name());
    if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new DpException(
          StandardErrorCode.EXTERNAL_FAILURE,
          "Cannot read file: it was removed during the sync (" + file.name() + ")");
    }
    return path;
  }

  @Override
  public boolean copies() {
    return false;
  }

  @Override
  public String describe() {
    return root + " (" + globText + ")";
  }

  @Override
  public void close() {}
}
