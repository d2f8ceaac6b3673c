package io.dataplatform.server.cli;

/** How {@code dp sql} prints rows. */
public enum OutputFormat {
  TABLE,
  CSV,
  JSON
}
