package io.dataplatform.transform.project;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A unit test from a property file's {@code unit_tests:} section: a model run on given rows in
 * place of what it reads, and the rows it must return.
 *
 * @param uniqueId {@code unit_test.<package>.<model>.<name>}
 * @param modelId the unique id of the tested model
 * @param given the fixture of each {@code ref(...)} or {@code source(...)} the model reads
 * @param expect the rows the model must return, on their columns only, in any order
 * @param macros macro results to use instead of calling them ({@code is_incremental: true})
 * @param vars values that {@code var(...)} returns instead of the project's
 * @param envVars values that {@code env_var(...)} returns instead of the environment's
 */
public record UnitTest(
    String uniqueId,
    String name,
    String modelId,
    String originalFilePath,
    List<Input> given,
    Fixture expect,
    Map<String, Object> macros,
    Map<String, Object> vars,
    Map<String, Object> envVars) {
  public UnitTest {
    requireNonNull(uniqueId, "uniqueId");
    requireNonNull(name, "name");
    requireNonNull(modelId, "modelId");
    requireNonNull(originalFilePath, "originalFilePath");
    given = List.copyOf(given);
    requireNonNull(expect, "expect");
    macros = Collections.unmodifiableMap(new LinkedHashMap<>(macros));
    vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    envVars = Collections.unmodifiableMap(new LinkedHashMap<>(envVars));
  }

  /** How a fixture's rows are written. */
  public enum Format {
    /** A list of mappings from column to value. */
    DICT,
    /** CSV text with a header line. */
    CSV,
    /** A query whose result is the rows. */
    SQL
  }

  /**
   * Rows of an input or of the expected result.
   *
   * @param rows for {@link Format#DICT} a list of mappings; otherwise the CSV or SQL text
   */
  public record Fixture(Format format, Object rows) {
    public Fixture {
      requireNonNull(format, "format");
      requireNonNull(rows, "rows");
    }
  }

  /**
   * One given input.
   *
   * @param input the expression as written: {@code ref('x')} or {@code source('s', 't')}
   */
  public record Input(String input, Fixture fixture) {
    public Input {
      requireNonNull(input, "input");
      requireNonNull(fixture, "fixture");
    }
  }
}
