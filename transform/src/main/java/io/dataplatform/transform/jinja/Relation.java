package io.dataplatform.transform.jinja;

import static java.util.Objects.requireNonNull;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import com.hubspot.jinjava.util.ObjectTruthValue;
import java.io.IOException;
import java.util.Objects;

/**
 * A table or view as templates see it: {@code {{ ref('x') }}} renders as {@code schema.identifier}
 * (the lakehouse has no database level), and {@code .schema}, {@code .identifier}, {@code .name}
 * are readable. Jinja reads properties through bean accessors, hence the {@code get} methods.
 */
public final class Relation implements PyishSerializable {
  static final String DATABASE = "dp";
  private final String database;
  private final String schema;
  private final String identifier;
  private final String type;
  private final boolean schemaIncluded;
  private final boolean identifierIncluded;

  public Relation(String schema, String identifier, String type) {
    this(DATABASE, schema, identifier, type, true, true);
  }

  /**
   * A relation as {@code api.Relation.create} makes it; an empty schema renders the identifier
   * alone.
   */
  public Relation(String database, String schema, String identifier, String type) {
    this(database, schema, identifier, type, true, true);
  }

  private Relation(
      String database,
      String schema,
      String identifier,
      String type,
      boolean schemaIncluded,
      boolean identifierIncluded) {
    this.database = requireNonNull(database, "database");
    this.schema = requireNonNull(schema, "schema");
    this.identifier = requireNonNull(identifier, "identifier");
    this.type = requireNonNull(type, "type");
    this.schemaIncluded = schemaIncluded;
    this.identifierIncluded = identifierIncluded;
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
    return database;
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

  public boolean getIs_cte() {
    return type.equals("cte");
  }

  /**
   * {@code relation.include(schema=False)}: the same relation rendering without the parts set to
   * false. The database is never rendered (the lakehouse has one).
   */
  public Relation include(Object... arguments) {
    boolean withSchema = schemaIncluded;
    boolean withIdentifier = identifierIncluded;
    for (Object argument : arguments == null ? new Object[0] : arguments) {
      if (argument instanceof NamedParameter named) {
        boolean value = ObjectTruthValue.evaluate(named.getValue());
        switch (named.getName()) {
          case "schema" -> withSchema = value;
          case "identifier" -> withIdentifier = value;
          default -> {
            // database: never rendered
          }
        }
      }
    }
    return new Relation(database, schema, identifier, type, withSchema, withIdentifier);
  }

  /** {@code relation.incorporate(type='view')} and the like: a copy with the given parts. */
  public Relation incorporate(Object... arguments) {
    String newType = type;
    for (Object argument : arguments == null ? new Object[0] : arguments) {
      if (argument instanceof NamedParameter named
          && named.getName().equals("type")
          && named.getValue() != null) {
        newType = named.getValue().toString();
      }
    }
    return new Relation(database, schema, identifier, newType, schemaIncluded, identifierIncluded);
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
  public boolean equals(Object other) {
    return other instanceof Relation that
        && that.schema.equals(schema)
        && that.identifier.equals(identifier)
        && that.schemaIncluded == schemaIncluded
        && that.identifierIncluded == identifierIncluded;
  }

  @Override
  public int hashCode() {
    return Objects.hash(schema, identifier);
  }

  @Override
  public String toString() {
    if (identifier.startsWith("__dbt__cte__")) {
      return identifier;
    }
    if (!identifierIncluded) {
      return schemaIncluded ? schema : "";
    }
    return schemaIncluded && !schema.isEmpty() ? schema + "." + identifier : identifier;
  }
}
