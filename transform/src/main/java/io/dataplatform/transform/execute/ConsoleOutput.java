package io.dataplatform.transform.execute;

import static java.util.Objects.requireNonNull;

import io.dataplatform.transform.project.Node;
import io.dataplatform.transform.project.NodeType;
import java.util.Locale;
import java.util.function.Consumer;

/** dbt-like console lines: one per finished node with its status and timing, then a summary. */
public final class ConsoleOutput {
  private final Consumer<String> sink;

  public ConsoleOutput(Consumer<String> sink) {
    this.sink = requireNonNull(sink, "sink");
  }

  public void line(String text) {
    synchronized (sink) {
      sink.accept(text);
    }
  }

  void finished(int index, int total, Node node, NodeResult result) {
    String kind = node.type().resourceType();
    String relation =
        result.relationName() == null || result.relationName().isBlank()
            ? node.name()
            : result.relationName();
    String what =
        switch (node.type()) {
          case MODEL -> "sql " + node.materialized() + " model " + relation;
          case SEED -> "seed file " + relation;
          case TEST -> "test " + node.name();
          case UNIT_TEST ->
              "unit_test " + node.fqn().get(node.fqn().size() - 2) + "::" + node.name();
          case SNAPSHOT -> "snapshot " + relation;
          default -> kind + " " + node.name();
        };
    String status =
        switch (result.status()) {
          case SUCCESS -> "OK";
          case ERROR -> "ERROR";
          case SKIPPED -> "SKIP";
          case PASS -> "PASS";
          case FAIL -> "FAIL " + result.failures();
          case WARN -> "WARN " + result.failures();
        };
    String prefix =
        result.status() == NodeStatus.ERROR
            ? "ERROR creating "
            : result.status() == NodeStatus.SKIPPED
                ? "SKIP "
                : result.status() == NodeStatus.SUCCESS
                    ? "OK created "
                    : result.status().name() + " ";
    progress(index, total, prefix + what, status, result.seconds());
    if (result.status() == NodeStatus.ERROR
        || (node.type() == NodeType.UNIT_TEST && result.status() == NodeStatus.FAIL)) {
      result.message().lines().forEach(text -> line(text.isEmpty() ? "" : "  " + text));
    }
  }

  /** dbt's progress line: {@code 3 of 7 <text> ....... [<status> in 0.12s]}. */
  public void progress(int index, int total, String text, String status, double seconds) {
    String head = index + " of " + total + " " + text;
    StringBuilder dots = new StringBuilder(" ");
    while (head.length() + dots.length() < 78) {
      dots.append('.');
    }
    line(head + dots + " [" + status + " in " + String.format(Locale.ROOT, "%.2f", seconds) + "s]");
  }

  void summary(RunReport report) {
    double seconds =
        (report.completedAt().toEpochMilli() - report.startedAt().toEpochMilli()) / 1000.0;
    line("");
    line(
        "Finished running "
            + report.results().size()
            + " nodes in "
            + String.format(Locale.ROOT, "%.2f", seconds)
            + " seconds.");
    line(report.failed() ? "Completed with errors" : "Completed successfully");
    long pass = report.count(NodeStatus.SUCCESS) + report.count(NodeStatus.PASS);
    long error = report.count(NodeStatus.ERROR) + report.count(NodeStatus.FAIL);
    line(
        "Done. PASS="
            + pass
            + " WARN="
            + report.count(NodeStatus.WARN)
            + " ERROR="
            + error
            + " SKIP="
            + report.count(NodeStatus.SKIPPED)
            + " TOTAL="
            + report.results().size());
  }
}
