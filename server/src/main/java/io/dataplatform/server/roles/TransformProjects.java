package io.dataplatform.server.roles;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The dbt projects of the server: each subfolder of the projects folder that holds a {@code
 * dbt_project.yml}, named by its folder. A job or a request may also name a project by the absolute
 * path of its folder.
 */
public final class TransformProjects {
  /** A project: its name and folder. */
  public record Project(String name, Path path) {
    public Project {
      requireNonNull(name, "name");
      requireNonNull(path, "path");
    }
  }

  private final Path directory;

  public TransformProjects(Path directory) {
    this.directory = requireNonNull(directory, "directory");
  }

  /** The folder projects are listed from. */
  public Path directory() {
    return directory;
  }

  /** Every project of the projects folder, by name. */
  public List<Project> list() {
    List<Project> projects = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return projects;
    }
    try (Stream<Path> children = Files.list(directory)) {
      children
          .filter(child -> Files.isRegularFile(child.resolve("dbt_project.yml")))
          .sorted()
          .forEach(child -> projects.add(new Project(child.getFileName().toString(), child)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return projects;
  }

  /** The folder of a project named by folder name or absolute path. */
  public Path resolve(String project) {
    requireNonNull(project, "project");
    Path path;
    if (project.startsWith("/")) {
      path = Path.of(project).normalize();
    } else if (project.matches("[A-Za-z0-9_.-]+") && !project.startsWith(".")) {
      path = directory.resolve(project);
    } else {
      throw new DpException(
          StandardErrorCode.INVALID_ARGUMENT,
          "Cannot find transform project: give a project folder name or an absolute path ("
              + project
              + ")");
    }
    if (!Files.isRegularFile(path.resolve("dbt_project.yml"))) {
      throw new DpException(
          StandardErrorCode.NOT_FOUND,
          "Cannot find transform project: no dbt_project.yml in "
              + path
              + " (projects are the subfolders of "
              + directory
              + ")");
    }
    return path;
  }
}
