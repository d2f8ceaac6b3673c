package io.dataplatform.api.connector;

import static java.util.Objects.requireNonNull;

/**
 * What a connector's configuration looks like.
 *
 * @param title a human name for forms ({@code PostgreSQL})
 * @param jsonSchema a JSON Schema (draft 2020-12 subset: object, properties, required, type,
 *     default, enum, description, title, items) of the configuration; a property whose schema has
 *     {@code "secret": true} holds a secret: it is stored encrypted and never shown or returned
 * @param documentation a short paragraph for the user, may be empty
 */
public record ConnectorSpec(String title, String jsonSchema, String documentation) {
  public ConnectorSpec {
    requireNonNull(title, "title");
    requireNonNull(jsonSchema, "jsonSchema");
    requireNonNull(documentation, "documentation");
  }
}
