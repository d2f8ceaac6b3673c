package io.dataplatform.transform.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets macro signatures hold defaults with parentheses ({@code order_by='count(*) desc'}). Jinjava
 * reads a macro's arguments up to the first closing parenthesis, so such a default is moved into a
 * {@code {% set %}} placed just before the macro tag, and the argument defaults to that variable.
 * Jinjava evaluates defaults where the macro is defined, so the variable is in scope.
 */
final class MacroSignatures {
  private static final Pattern MACRO_START =
      Pattern.compile("\\{%-?\\s*macro\\s+[A-Za-z_][A-Za-z0-9_]*\\s*\\(");

  private MacroSignatures() {}

  static String hoistDefaults(String text) {
    Matcher macro = MACRO_START.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int position = 0;
    int counter = 0;
    while (macro.find(position)) {
      int open = macro.end() - 1;
      int close = Templates.closing(text, open);
      if (close < 0) {
        break;
      }
      String arguments = text.substring(open + 1, close);
      out.append(text, position, macro.start());
      if (arguments.indexOf('(') < 0 && arguments.indexOf(')') < 0) {
        out.append(text, macro.start(), close + 1);
      } else {
        List<String> rewritten = new ArrayList<>();
        for (String argument : splitTopLevel(arguments)) {
          int equals = topLevelEquals(argument);
          String value = equals < 0 ? "" : argument.substring(equals + 1);
          if (value.indexOf('(') < 0 && value.indexOf(')') < 0) {
            rewritten.add(argument);
            continue;
          }
          String variable = "__dp_macro_default_" + counter++;
          out.append("{% set ").append(variable).append(" = ").append(value.strip()).append(" %}");
          rewritten.add(argument.substring(0, equals + 1) + variable);
        }
        out.append(text, macro.start(), open + 1).append(String.join(",", rewritten)).append(')');
      }
      position = close + 1;
    }
    out.append(text, position, text.length());
    return out.toString();
  }

  /** Splits at commas outside quotes and brackets. */
  static List<String> splitTopLevel(String arguments) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    char quote = 0;
    int start = 0;
    for (int i = 0; i < arguments.length(); i++) {
      char c = arguments.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(arguments.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(arguments.substring(start));
    return parts;
  }

  /** The index of the {@code =} between an argument's name and its default, or -1. */
  private static int topLevelEquals(String argument) {
    for (int i = 0; i < argument.length(); i++) {
      char c = argument.charAt(i);
      if (c == '=') {
        return i;
      }
      if (!Character.isLetterOrDigit(c) && c != '_' && !Character.isWhitespace(c)) {
        return -1;
      }
    }
    return -1;
  }
}
