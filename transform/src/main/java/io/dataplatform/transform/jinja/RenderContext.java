package io.dataplatform.transform.jinja;

import static java.util.Objects.requireNonNull;

import io.dataplatform.transform.project.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The state of one rendering: the node, what {@code ref}/{@code source}/{@code config} calls
 * recorded, statement results, and the first error a function raised.
 */
public final class RenderContext {
  private final Optional<Node> node;
  private final RenderMode mode;
  private final boolean incremental;
  private final Consumer<String> log;
  private final Set<String> refs = new LinkedHashSet<>();
  private final Set<String> sources = new LinkedHashSet<>();
  private final Set<String> ephemerals = new LinkedHashSet<>();
  private final Map<String, Object> config = new LinkedHashMap<>();
  private final Map<String, Object> results = new LinkedHashMap<>();
  private final List<String> unresolved = new ArrayList<>();
  private final Map<String, String> fixtures = new LinkedHashMap<>();
  private final Map<String, Object> vars = new LinkedHashMap<>();
  private final Map<String, Object> envVars = new LinkedHashMap<>();
  private final Set<String> missingInputs = new LinkedHashSet<>();
  private boolean unitTest;
  private RuntimeException error;

  public RenderContext(
      Optional<Node> node, RenderMode mode, boolean incremental, Consumer<String> log) {
    this.node = requireNonNull(node, "node");
    this.mode = requireNonNull(mode, "mode");
    this.incremental = incremental;
    this.log = requireNonNull(log, "log");
  }

  public Optional<Node> node() {
    return node;
  }

  public RenderMode mode() {
    return mode;
  }

  public boolean executing() {
    return mode == RenderMode.EXECUTE;
  }

  public boolean incremental() {
    return incremental;
  }

  public void log(String message) {
    log.accept(message);
  }

  /** Unique ids of the models, seeds and snapshots the template referenced. */
  public Set<String> refs() {
    return refs;
  }

  /** Unique ids of the sources the template referenced. */
  public Set<String> sources() {
    return sources;
  }

  /** Unique ids of ephemeral models to inline as CTEs, in reference order. */
  public Set<String> ephemerals() {
    return ephemerals;
  }

  /** Configuration set by {@code config(...)} calls. */
  public Map<String, Object> config() {
    return config;
  }

  /**
   * Renders for a unit test: {@code ref}/{@code source} of the unique ids in {@code fixtures}
   * render as the named CTE, others are recorded in {@link #missingInputs()}; {@code vars} and
   * {@code envVars} take precedence over the project's variables and the environment.
   */
  public RenderContext substitute(
      Map<String, String> fixtures, Map<String, Object> vars, Map<String, Object> envVars) {
    this.unitTest = true;
    this.fixtures.putAll(fixtures);
    this.vars.putAll(vars);
    this.envVars.putAll(envVars);
    return this;
  }

  /** The CTE that stands for {@code uniqueId} in a unit test, if it is a given input. */
  Optional<String> fixture(String uniqueId) {
    if (unitTest && !fixtures.containsKey(uniqueId)) {
      missingInputs.add(uniqueId);
    }
    return Optional.ofNullable(fixtures.get(uniqueId));
  }

  /** The CTE that stands for {@code this} in a unit test that gives it as an input. */
  Optional<String> thisFixture() {
    return Optional.ofNullable(fixtures.get("this"));
  }

  /** Unique ids a unit test's model read without a given input for them. */
  public Set<String> missingInputs() {
    return missingInputs;
  }

  Optional<Object> varOverride(String name) {
    return vars.containsKey(name) ? Optional.ofNullable(vars.get(name)) : Optional.empty();
  }

  Optional<Object> envVarOverride(String name) {
    return Optional.ofNullable(envVars.get(name));
  }

  Map<String, Object> results() {
    return results;
  }

  /** References to models or sources that do not exist. */
  public List<String> unresolved() {
    return unresolved;
  }

  void fail(RuntimeException failure) {
    if (error == null) {
      error = failure;
    }
  }

  Optional<RuntimeException> error() {
    return Optional.ofNullable(error);
  }
}
