package io.dataplatform.transform;

import static java.util.Objects.requireNonNull;

import io.dataplatform.lakehouse.sql.SqlService;
import io.dataplatform.lakehouse.sql.SqlSession;
import io.dataplatform.transform.artifacts.ArtifactPublisher;
import io.dataplatform.transform.artifacts.ArtifactWriter;
import io.dataplatform.transform.artifacts.CatalogWriter;
import io.dataplatform.transform.compile.Manifest;
import io.dataplatform.transform.compile.ProjectCompiler;
import io.dataplatform.transform.execute.Command;
import io.dataplatform.transform.execute.ConsoleOutput;
import io.dataplatform.transform.execute.LakehouseSqlRunner;
import io.dataplatform.transform.execute.ProjectRunner;
import io.dataplatform.transform.execute.RunOptions;
import io.dataplatform.transform.execute.RunReport;
import io.dataplatform.transform.freshness.FreshnessRun;
import io.dataplatform.transform.history.TransformRun;
import io.dataplatform.transform.history.TransformRunRepository;
import io.dataplatform.transform.jinja.JinjaEnvironment;
import io.dataplatform.transform.jinja.SqlRunner;
import io.dataplatform.transform.project.DbtProject;
import io.dataplatform.transform.project.ProjectLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Runs dbt commands on a project directory against the lakehouse: the entry point the server's HTTP
 * route and the orchestrator call.
 */
public final class TransformService {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(TransformService.class);
  private final SqlService sql;
  private final TransformRunRepository runs;
  private final ArtifactPublisher publisher;

  public TransformService(SqlService sql, TransformRunRepository runs) {
    this(sql, runs, ArtifactPublisher.none());
  }

  /** A service that also hands each run's artifacts to {@code publisher}. */
  public TransformService(
      SqlService sql, TransformRunRepository runs, ArtifactPublisher publisher) {
    this.sql = requireNonNull(sql, "sql");
    this.runs = requireNonNull(runs, "runs");
    this.publisher = requireNonNull(publisher, "publisher");
  }

  /**
   * Runs {@code command} on the project in {@code directory}, writing console lines to {@code
   * output} as nodes finish, and the artifacts to the project's target directory.
   *
   * @param target the profile target; empty for the default
   * @param vars {@code --vars}
   */
  public RunReport run(
      Path directory,
      Command command,
      RunOptions options,
      Optional<String> target,
      Map<String, Object> vars,
      SqlSession session,
      Consumer<String> output) {
    DbtProject project = ProjectLoader.load(directory, target, vars);
    SqlRunner runner = new LakehouseSqlRunner(sql, session);
    JinjaEnvironment environment = new JinjaEnvironment(project, runner);
    ProjectCompiler compiler = new ProjectCompiler(environment);
    Manifest manifest = compiler.parse();
    ConsoleOutput console = new ConsoleOutput(output);
    Path targetDirectory = project.root().root().resolve(project.root().targetPath());
    String runId = UUID.randomUUID().toString();
    ArtifactWriter writer = new ArtifactWriter(targetDirectory, runId);
    List<Path> artifacts = new ArrayList<>();
    RunReport report;
    if (command == Command.SOURCE_FRESHNESS) {
      FreshnessRun freshness =
          FreshnessRun.run(manifest, options, runner, console, Clock.systemUTC());
      artifacts.add(writer.writeManifest(manifest, environment));
      artifacts.add(freshness.writeSources(targetDirectory, runId));
      report = freshness.report();
    } else {
      report = new ProjectRunner(compiler, runner, console).run(manifest, command, options);
      if (command == Command.DOCS_GENERATE) {
        int relations = new CatalogWriter(runner).write(manifest, environment, targetDirectory);
        artifacts.add(targetDirectory.resolve("catalog.json"));
        console.line(
            "Catalog written to "
                + targetDirectory.resolve("catalog.json")
                + " ("
                + relations
                + " relations)");
      }
      if (command != Command.LS) {
        artifacts.addAll(0, writer.write(manifest, environment, report));
      }
    }
    if (command != Command.LS) {
      record(project, manifest, runId, command, session, report);
      publish(project.name(), runId, artifacts, console);
    }
    return report;
  }

  private void record(
      DbtProject project,
      Manifest manifest,
      String runId,
      Command command,
      SqlSession session,
      RunReport report) {
    runs.replaceDependencies(project.name(), manifest.dependsOn());
    runs.insert(
        new TransformRun(
            runId,
            project.name(),
            project.root().root().toString(),
            command.name().toLowerCase(Locale.ROOT),
            session.username(),
            report.failed() ? "error" : "success",
            report.startedAt(),
            report.completedAt()),
        report.results());
  }

  /** A failure to store artifacts is reported on the console; the run's outcome stands. */
  private void publish(String project, String runId, List<Path> artifacts, ConsoleOutput console) {
    try {
      publisher.publish(project, runId, artifacts);
    } catch (RuntimeException e) {
      LOG.warn("Cannot store the artifacts of transform run {}", runId, e);
      console.line("Cannot store the artifacts of run " + runId + ": " + e.getMessage());
    }
  }
}
