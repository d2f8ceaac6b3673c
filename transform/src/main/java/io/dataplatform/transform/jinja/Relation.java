package io.dataplatform.transform.jinja;

import static java.util.Objects.requireNonNull;

import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import java.io.IOException;

/**
 * A table or view as templates see it: {@code {{ ref('x') }}} renders as {@code schema.identifier}
 * (the lakehouse has no database level), and {@code .schema}, {@code .identifier}, {@code .name}
 * are readable. Jinja reads properties through bean accessors, hence the {@code get} methods.
 */
public final class Relation implements PyishSerializable {
  private final String schema;
  private final String identifier;
  private final String type;

  public Relation(String schema, String identifier, String type) {
    this.schema = requireNonNull(schema, "schema");
    this.identifier = requireNonNull(identifier, "identifier");
    this.type = requireNonNull(type, "type");
  }

  public String getSchema() {
    return schema;
  }

  public String getIdentifier() {
    return identifier;
  }

  public String getName() {
    return identifier;
  }

  public String getTable() {
    return identifier;
  }

  public String getDatabase() {
    return "dp";
  }

  public String getType() {
    return type;
  }

  public boolean getIs_table() {
    return type.equals("table");
  }

  public boolean getIs_view() {
    return type.equals("view");
  }

  /**
   * {@code relation.include(schema=False)} and friends: the rendering stays {@code schema.name}.
   */
  public Relation include(Object... ignored) {
    return this;
  }

  public String render() {
    return toString();
  }

  @Override
  public <T extends Appendable & CharSequence> T appendPyishString(T appendable)
      throws IOException {
    appendable.append(toString());
    return appendable;
  }

  @Override
  public String toString() {
    return identifier.startsWith("__dbt__cte__") ? identifier : schema + "." + identifier;
  }
}
