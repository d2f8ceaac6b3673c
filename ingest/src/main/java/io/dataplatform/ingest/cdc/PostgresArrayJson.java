package io.dataplatform.ingest.cdc;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The JSON text {@code array_to_json} gives for a PostgreSQL array, from the array's text output
 * ({@code {1,2,NULL}}, {@code {{1,2},{3,4}}}, {@code {"a b",c}}). A full refresh selects arrays
 * with {@code array_to_json} in a UTC session; the change log carries their text output, and this
 * writes it the same way: numbers and booleans as JSON numbers and booleans ({@code NaN} and the
 * infinities as strings), {@code json}/{@code jsonb} elements as they are, timestamps in ISO 8601
 * ({@code timestamptz} at UTC, {@code +00:00}), every other element as a string of its text, nested
 * arrays as nested arrays.
 */
final class PostgresArrayJson {
  private enum Kind {
    NUMBER,
    BOOLEAN,
    JSON,
    TIMESTAMP,
    TIMESTAMPTZ,
    TEXT
  }

  private final String literal;
  private final Kind kind;
  private final char delimiter;
  private final StringBuilder json = new StringBuilder();
  private int position;

  private PostgresArrayJson(String literal, Kind kind, char delimiter) {
    this.literal = literal;
    this.kind = kind;
    this.delimiter = delimiter;
  }

  /**
   * The JSON text of an array's text output.
   *
   * @param literal the array's text output
   * @param elementType the element type's name ({@code int4}, {@code timestamptz}, …)
   * @throws IllegalArgumentException when {@code literal} is not an array's text
   */
  static String of(String literal, String elementType) {
    String type = elementType.toLowerCase(Locale.ROOT);
    PostgresArrayJson array =
        new PostgresArrayJson(literal, kind(type), type.equals("box") ? ';' : ',');
    array.skipDimensions();
    array.array();
    array.skipSpaces();
    if (array.position != literal.length()) {
      throw array.malformed("text after the array");
    }
    return array.json.toString();
  }

  private static Kind kind(String type) {
    return switch (type) {
      case "int2", "int4", "int8", "float4", "float8", "numeric" -> Kind.NUMBER;
      case "bool" -> Kind.BOOLEAN;
      case "json", "jsonb" -> Kind.JSON;
      case "timestamp" -> Kind.TIMESTAMP;
      case "timestamptz" -> Kind.TIMESTAMPTZ;
      default -> Kind.TEXT;
    };
  }

  /** Bounds other than the default ({@code [0:1]={…}}) precede the array; JSON has none. */
  private void skipDimensions() {
    skipSpaces();
    if (position < literal.length() && literal.charAt(position) == '[') {
      int equals = literal.indexOf('=', position);
      if (equals < 0) {
        throw malformed("bounds without '='");
      }
      position = equals + 1;
      skipSpaces();
    }
  }

  private void array() {
    expect('{');
    json.append('[');
    skipSpaces();
    if (peek() == '}') {
      position++;
      json.append(']');
      return;
    }
    while (true) {
      skipSpaces();
      if (peek() == '{') {
        array();
      } else {
        element();
      }
      skipSpaces();
      char next = peek();
      position++;
      if (next == '}') {
        json.append(']');
        return;
      }
      if (next != delimiter) {
        throw malformed("'" + delimiter + "' or '}' expected");
      }
      json.append(',');
    }
  }

  private void element() {
    StringBuilder text = new StringBuilder();
    boolean quoted = peek() == '"';
    if (quoted) {
      position++;
      while (true) {
        char c = next();
        if (c == '"') {
          break;
        }
        text.append(c == '\\' ? next() : c);
      }
    } else {
      while (peek() != delimiter && peek() != '}') {
        char c = next();
        text.append(c == '\\' ? next() : c);
      }
      // unquoted elements lose the spaces around them
      int end = text.length();
      while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
        end--;
      }
      text.setLength(end);
      if (text.toString().equalsIgnoreCase("NULL")) {
        json.append("null");
        return;
      }
    }
    value(text.toString());
  }

  private void value(String text) {
    switch (kind) {
      case NUMBER -> {
        if (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity")) {
          string(text);
        } else {
          json.append(text);
        }
      }
      case BOOLEAN -> json.append(text.equals("t") ? "true" : "false");
      case JSON -> json.append(text);
      case TIMESTAMP -> string(text.replaceFirst(" ", "T"));
      case TIMESTAMPTZ -> string(timestampAtUtc(text));
      case TEXT -> string(text);
    }
  }

  /** {@code 2024-02-29 13:45:30.5+02} as {@code to_json} writes it in UTC. */
  private static String timestampAtUtc(String text) {
    int offset = Math.max(text.lastIndexOf('+'), text.lastIndexOf('-'));
    if (offset < 11) {
      // infinity, -infinity, or a form without an offset
      return text;
    }
    try {
      LocalDateTime local = LocalDateTime.parse(text.substring(0, offset).replace(' ', 'T'));
      ZoneOffset zone = ZoneOffset.of(text.substring(offset));
      LocalDateTime utc =
          OffsetDateTime.of(local, zone).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
      return utc.toLocalDate() + "T" + PostgresText.time(utc.toLocalTime()) + "+00:00";
    } catch (DateTimeParseException e) {
      // a year past 9999 or before Christ: kept as the source wrote it
      return text;
    }
  }

  /** A JSON string, escaped as PostgreSQL's {@code escape_json} does. */
  private void string(String text) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\b' -> json.append("\\b");
        case '\f' -> json.append("\\f");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < ' ') {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }

  private void skipSpaces() {
    while (position < literal.length() && Character.isWhitespace(literal.charAt(position))) {
      position++;
    }
  }

  private char peek() {
    if (position >= literal.length()) {
      throw malformed("unexpected end");
    }
    return literal.charAt(position);
  }

  private char next() {
    char c = peek();
    position++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      throw malformed("'" + c + "' expected");
    }
  }

  private IllegalArgumentException malformed(String what) {
    return new IllegalArgumentException(
        "not an array's text (" + what + " at character " + (position + 1) + "): " + literal);
  }
}
