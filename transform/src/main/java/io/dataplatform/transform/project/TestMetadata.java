package io.dataplatform.transform.project;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * What a generic test instance applies: the test's name (e.g. {@code unique} or {@code
 * dbt_utils.expression_is_true}), the model or source it is attached to, the column, and the other
 * arguments from the property file.
 *
 * @param attachedTo the unique id of the tested model, seed, snapshot or source table
 * @param modelExpression the Jinja expression for the tested relation ({@code ref('x')} or {@code
 *     source('s', 't')})
 */
public record TestMetadata(
    String testName,
    String namespace,
    String attachedTo,
    String modelExpression,
    Optional<String> columnName,
    Map<String, Object> kwargs) {
  public TestMetadata {
    requireNonNull(testName, "testName");
    requireNonNull(namespace, "namespace");
    requireNonNull(attachedTo, "attachedTo");
    requireNonNull(modelExpression, "modelExpression");
    requireNonNull(columnName, "columnName");
    requireNonNull(kwargs, "kwargs");
  }
}
