package io.dataplatform.orchestrator.job;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.orchestrator.asset.AssetDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The jobs and declared assets of a pipelines folder ({@code *.yml} and {@code *.yaml}). Reading is
 * all or nothing: a folder with one bad file keeps the previous definitions and reports the error.
 */
public final class JobCatalog {
  private final Optional<Path> folder;
  private volatile Snapshot snapshot = new Snapshot(Map.of(), List.of());

  private record Snapshot(Map<String, JobDefinition> jobs, List<AssetDefinition> assets) {}

  private JobCatalog(Optional<Path> folder) {
    this.folder = requireNonNull(folder, "folder");
  }

  /** A catalog of the folder's files; a folder that does not exist holds no jobs. */
  public static JobCatalog load(Path folder) {
    JobCatalog catalog = new JobCatalog(Optional.of(folder));
    catalog.reload();
    return catalog;
  }

  /** A catalog of the given jobs, not backed by files (tests, embedding). */
  public static JobCatalog of(Collection<JobDefinition> jobs) {
    JobCatalog catalog = new JobCatalog(Optional.empty());
    Map<String, JobDefinition> byName = new TreeMap<>();
    List<AssetDefinition> assets = new ArrayList<>();
    for (JobDefinition job : jobs) {
      byName.put(job.name(), job);
      assets.addAll(job.assets());
    }
    catalog.snapshot = new Snapshot(Map.copyOf(byName), List.copyOf(assets));
    return catalog;
  }

  /** Reads the folder again; returns the number of jobs. */
  public synchronized int reload() {
    if (folder.isEmpty() || !Files.isDirectory(folder.get())) {
      return snapshot.jobs().size();
    }
    Map<String, JobDefinition> jobs = new TreeMap<>();
    Map<String, Path> files = new TreeMap<>();
    List<AssetDefinition> assets = new ArrayList<>();
    for (Path file : files(folder.get())) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new DpException(
            StandardErrorCode.INVALID_CONFIGURATION,
            "Cannot read job file: " + e.getMessage() + " (" + file + ")");
      }
      JobParser.PipelineFile parsed = JobParser.parse(text, file.toString());
      assets.addAll(parsed.assets());
      parsed
          .job()
          .ifPresent(
              job -> {
                Path other = files.put(job.name(), file);
                if (other != null) {
                  throw DpException.user(
                      "Cannot read job file: job "
                          + job.name()
                          + " is also defined in "
                          + other
                          + " ("
                          + file
                          + ")");
                }
                jobs.put(job.name(), job);
              });
    }
    snapshot = new Snapshot(Map.copyOf(jobs), List.copyOf(assets));
    return jobs.size();
  }

  private static List<Path> files(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries
          .filter(path -> path.toString().endsWith(".yml") || path.toString().endsWith(".yaml"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new DpException(
          StandardErrorCode.INVALID_CONFIGURATION,
          "Cannot list pipelines folder: " + e.getMessage() + " (" + folder + ")");
    }
  }

  public List<JobDefinition> jobs() {
    return new ArrayList<>(new TreeMap<>(snapshot.jobs()).values());
  }

  public Optional<JobDefinition> find(String name) {
    return Optional.ofNullable(snapshot.jobs().get(name));
  }

  public JobDefinition job(String name) {
    return find(name)
        .orElseThrow(() -> DpException.notFound("Cannot find job: no such job (" + name + ")"));
  }

  /** Assets declared in the files, with or without a job. */
  public List<AssetDefinition> declaredAssets() {
    return snapshot.assets();
  }

  public Optional<Path> folder() {
    return folder;
  }
}
