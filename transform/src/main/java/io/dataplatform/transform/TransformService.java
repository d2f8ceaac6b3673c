package io.dataplatform.transform;

import static java.util.Objects.requireNonNull;

import io.dataplatform.lakehouse.sql.SqlService;
import io.dataplatform.lakehouse.sql.SqlSession;
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
import io.dataplatform.transform.history.TransformRun;
import io.dataplatform.transform.history.TransformRunRepository;
import io.dataplatform.transform.jinja.JinjaEnvironment;
import io.dataplatform.transform.jinja.SqlRunner;
import io.dataplatform.transform.project.DbtProject;
import io.dataplatform.transform.project.ProjectLoader;
import java.nio.file.Path;
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
  private final SqlService sql;
  private final TransformRunRepository runs;

  public TransformService(SqlService sql, TransformRunRepository runs) {
    this.sql = requireNonNull(sql, "sql");
    this.runs = requireNonNull(runs, "runs");
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
    RunReport report = new ProjectRunner(compiler, runner, console).run(manifest, command, options);
    if (command == Command.DOCS_GENERATE) {
      Path targetDirectory = project.root().root().resolve(project.root().targetPath());
      int relations = new CatalogWriter(runner).write(manifest, environment, targetDirectory);
      console.line(
          "Catalog written to "
              + targetDirectory.resolve("catalog.json")
              + " ("
              + relations
              + " relations)");
    }
    if (command != Command.LS) {
      new ArtifactWriter(project.root().root().resolve(project.root().targetPath()))
          .write(manifest, environment, report);
      runs.replaceDependencies(project.name(), manifest.dependsOn());
      runs.insert(
          new TransformRun(
              UUID.randomUUID().toString(),
              project.name(),
              project.root().root().toString(),
              command.name().toLowerCase(Locale.ROOT),
              session.username(),
              report.failed() ? "error" : "success",
              report.startedAt(),
              report.completedAt()),
          report.results());
    }
    return report;
  }
}
