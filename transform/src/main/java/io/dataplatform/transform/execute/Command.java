package io.dataplatform.transform.execute;

import io.dataplatform.transform.project.NodeType;
import java.util.Locale;
import java.util.Set;

/** The commands of {@code dp transform}. */
public enum Command {
  RUN(Set.of(NodeType.MODEL)),
  SEED(Set.of(NodeType.SEED)),
  TEST(Set.of(NodeType.TEST, NodeType.UNIT_TEST)),
  BUILD(
      Set.of(NodeType.MODEL, NodeType.SEED, NodeType.TEST, NodeType.UNIT_TEST, NodeType.SNAPSHOT)),
  SNAPSHOT(Set.of(NodeType.SNAPSHOT)),
  COMPILE(Set.of(NodeType.MODEL, NodeType.TEST)),
  LS(Set.of(NodeType.MODEL, NodeType.SEED, NodeType.TEST, NodeType.UNIT_TEST, NodeType.SNAPSHOT)),
  /** {@code docs generate}: compiles models and writes catalog.json. */
  DOCS_GENERATE(Set.of(NodeType.MODEL)),
  /** {@code source freshness}: checks the selected sources' freshness and writes sources.json. */
  SOURCE_FRESHNESS(Set.of());

  private final Set<NodeType> types;

  Command(Set<NodeType> types) {
    this.types = types;
  }

  public Set<NodeType> types() {
    return types;
  }

  public static Command parse(String name) {
    try {
      return valueOf(name.trim().replaceAll("\\s+", "_").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new io.dataplatform.api.DpException(
          io.dataplatform.transform.TransformErrorCode.INVALID_SELECTION,
          "Cannot run transform: unknown command "
              + name
              + " (seed, run, test, build, snapshot, compile, ls, docs generate, source freshness)");
    }
  }
}
