package io.dataplatform.api;

import java.util.regex.Pattern;

/** Validation shared by the identifier value types. */
final class Identifiers {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  private Identifiers() {}

  static String checkName(String kind, String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw DpException.user(
          "Cannot use "
              + kind
              + " name: it must start with a letter or underscore and hold only letters, digits"
              + " and underscores, at most 128 characters ("
              + value
              + ")");
    }
    return value.toLowerCase(java.util.Locale.ROOT);
  }
}
