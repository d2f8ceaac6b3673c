package io.dataplatform.transform.jinja;

/** Parsing discovers dependencies and config without touching the database; executing runs SQL. */
public enum RenderMode {
  PARSE,
  EXECUTE
}
