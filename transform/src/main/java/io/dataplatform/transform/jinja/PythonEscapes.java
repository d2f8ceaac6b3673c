package io.dataplatform.transform.jinja;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives string literals Python's escapes: in Python (and so in dbt's Jinja) {@code '\n'}, {@code
 * '\t'} and {@code '\r'} are a newline, a tab and a carriage return, and {@code '\d'} is the two
 * characters backslash and d, while Jinjava's expression language only accepts {@code \\}, {@code
 * \'} and {@code \"} in string literals. Inside {@code {{ }}} and {@code {% %}} tags, those three
 * escapes become the characters themselves and every other backslash in a string literal is
 * doubled; text outside tags, comments and raw blocks are kept.
 */
final class PythonEscapes {
  private static final Pattern RAW_START = Pattern.compile("\\{%-?\\s*raw\\s*-?%}");
  private static final Pattern RAW_END = Pattern.compile("\\{%-?\\s*endraw\\s*-?%}");

  private PythonEscapes() {}

  static String rewrite(String text) {
    if (text.indexOf('\\') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    Matcher raw = RAW_START.matcher(text);
    int position = 0;
    while (position < text.length()) {
      if (text.startsWith("{#", position)) {
        int end = text.indexOf("#}", position + 2);
        end = end < 0 ? text.length() : end + 2;
        out.append(text, position, end);
        position = end;
      } else if (raw.find(position) && raw.start() == position) {
        Matcher endRaw = RAW_END.matcher(text);
        int end = endRaw.find(raw.end()) ? endRaw.end() : text.length();
        out.append(text, position, end);
        position = end;
      } else if (text.startsWith("{{", position)) {
        position = copyTag(text, position, "}}", out);
      } else if (text.startsWith("{%", position)) {
        position = copyTag(text, position, "%}", out);
      } else {
        out.append(text.charAt(position++));
      }
    }
    return out.toString();
  }

  /** Copies the tag starting at {@code start}; returns the index after its end. */
  private static int copyTag(String text, int start, String close, StringBuilder out) {
    out.append(text, start, start + 2);
    int position = start + 2;
    char quote = 0;
    while (position < text.length()) {
      char c = text.charAt(position);
      if (quote != 0) {
        if (c == '\\' && position + 1 < text.length()) {
          char next = text.charAt(position + 1);
          if (next == '\\' || next == '\'' || next == '"') {
            out.append(c).append(next);
            position += 2;
          } else if (next == 'n' || next == 't' || next == 'r') {
            out.append(next == 'n' ? '\n' : next == 't' ? '\t' : '\r');
            position += 2;
          } else {
            out.append("\\\\");
            position++;
          }
          continue;
        }
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (text.startsWith(close, position)) {
        out.append(close);
        return position + 2;
      }
      out.append(c);
      position++;
    }
    return position;
  }
}
