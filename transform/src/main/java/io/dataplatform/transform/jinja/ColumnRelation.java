package io.dataplatform.transform.jinja;

import static java.util.Objects.requireNonNull;

/**
 * A column as {@code adapter.get_columns_in_relation} returns it: {@code .name}, {@code
 * .data_type}.
 */
public final class ColumnRelation {
  private final String name;
  private final String dataType;

  public ColumnRelation(String name, String dataType) {
    this.name = requireNonNull(name, "name");
    this.dataType = requireNonNull(dataType, "dataType");
  }

  public String getName() {
    return name;
  }

  public String getColumn() {
    return name;
  }

  public String getQuoted() {
    return "\"" + name + "\"";
  }

  public String getData_type() {
    return dataType;
  }

  public String getDtype() {
    return dataType;
  }

  @Override
  public String toString() {
    return name;
  }
}
