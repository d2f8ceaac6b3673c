package io.dataplatform.transform;

import io.dataplatform.lakehouse.Lakehouse;
import io.dataplatform.lakehouse.LakehouseConfig;
import io.dataplatform.lakehouse.sql.SqlSession;
import io.dataplatform.lakehouse.sql.StatementResult;
import io.dataplatform.metastore.Metastore;
import io.dataplatform.metastore.MetastoreConfig;
import io.dataplatform.transform.execute.Command;
import io.dataplatform.transform.execute.RunOptions;
import io.dataplatform.transform.execute.RunReport;
import io.dataplatform.transform.history.TransformRunRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** A lakehouse on H2 in a temporary directory, and fixture projects copied next to it. */
final class LakehouseProjects implements AutoCloseable {
  static final SqlSession SESSION = new SqlSession("tester", "test");
  final Path directory;
  final Metastore metastore;
  final Lakehouse lakehouse;
  final TransformService service;
  final List<String> output = Collections.synchronizedList(new ArrayList<>());

  LakehouseProjects(Path directory) {
    this.directory = directory;
    metastore = Metastore.open(MetastoreConfig.embedded(directory));
    lakehouse = Lakehouse.open(LakehouseConfig.of(directory.resolve("warehouse")), metastore);
    service =
        new TransformService(lakehouse.sql(), new TransformRunRepository(metastore.dataSource()));
  }

  /** Copies the fixture project {@code name} into the temporary directory. */
  Path project(String name) {
    try {
      Path source = Path.of(getClass().getResource("/projects/" + name).toURI());
      Path target = directory.resolve("projects").resolve(name);
      try (Stream<Path> files = Files.walk(source)) {
        for (Path file : files.toList()) {
          Path copy = target.resolve(source.relativize(file).toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(copy);
          } else {
            Files.copy(file, copy);
          }
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  RunReport run(Path project, Command command, RunOptions options) {
    return run(project, command, options, Map.of());
  }

  RunReport run(Path project, Command command, RunOptions options, Map<String, Object> vars) {
    return service.run(project, command, options, Optional.empty(), vars, SESSION, output::add);
  }

  /** A query's rows, each row's values joined by {@code |}. */
  List<String> query(String sql) {
    try (StatementResult result = lakehouse.sql().execute(SESSION, sql, List.of())) {
      ResultSet rows = result.rows().orElseThrow();
      int columns = rows.getMetaData().getColumnCount();
      List<String> lines = new ArrayList<>();
      while (rows.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          values.add(String.valueOf(rows.getObject(i)));
        }
        lines.add(String.join("|", values));
      }
      return lines;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  void update(String sql) {
    try (StatementResult result = lakehouse.sql().execute(SESSION, sql, List.of())) {
      result.updateCount();
    }
  }

  @Override
  public void close() {
    lakehouse.close();
    metastore.close();
  }
}
