package io.dataplatform.transform.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites dbt template syntax that Jinjava does not parse into equivalent Jinjava: {@code {% test
 * %}} blocks become macros named {@code test_<name>}, materialization blocks become macros named
 * {@code materialization_<name>_<adapter>}, and {@code adapter.dispatch(a)(b)} becomes a single
 * call.
 */
final class Templates {
  private static final Pattern TEST_START =
      Pattern.compile("\\{%(-?)\\s*test\\s+([A-Za-z0-9_]+)\\s*\\(");
  private static final Pattern TEST_END = Pattern.compile("\\{%(-?)\\s*endtest\\s*(-?)%}");
  private static final Pattern MATERIALIZATION =
      Pattern.compile(
          "\\{%(-?)\\s*materialization\\s+([A-Za-z0-9_]+)\\s*,\\s*"
              + "(?:default|adapter\\s*=\\s*['\"]([A-Za-z0-9_]+)['\"])[^%]*?(-?)%}"
              + "(.*?)\\{%(-?)\\s*endmaterialization\\s*(-?)%}",
          Pattern.DOTALL);
  private static final Pattern DOCS =
      Pattern.compile("\\{%-?\\s*docs\\b.*?\\{%-?\\s*enddocs\\s*-?%}", Pattern.DOTALL);
  private static final String DISPATCH = "adapter.dispatch(";

  private Templates() {}

  static String preprocess(String text) {
    String result = PythonEscapes.rewrite(text);
    result =
        MATERIALIZATION
            .matcher(result)
            .replaceAll(m -> Matcher.quoteReplacement(materialization(m)));
    result = DOCS.matcher(result).replaceAll(m -> blankLines(m.group()));
    result = TEST_START.matcher(result).replaceAll("{%$1 macro test_$2(");
    result = TEST_END.matcher(result).replaceAll("{%$1 endmacro $2%}");
    result = trailingCommas(result);
    result = MacroSignatures.hoistDefaults(result);
    return rewriteDispatch(result);
  }

  /** The macro name a {@code {% materialization name, adapter %}} block is loaded under. */
  static String materializationMacro(String name, String adapter) {
    return "materialization_" + name + "_" + adapter;
  }

  /**
   * A materialization block for the default adapter or DuckDB becomes the macro {@code
   * materialization_<name>_<adapter>}; blocks for other adapters are dropped.
   */
  private static String materialization(MatchResult block) {
    String adapter = block.group(3) == null ? "default" : block.group(3).toLowerCase();
    if (!adapter.equals("default") && !adapter.equals("duckdb")) {
      return blankLines(block.group());
    }
    return "{%"
        + block.group(1)
        + " macro "
        + materializationMacro(block.group(2), adapter)
        + "() "
        + block.group(4)
        + "%}"
        + block.group(5)
        + "{%"
        + block.group(6)
        + " endmacro "
        + block.group(7)
        + "%}";
  }

  /** Keeps line numbers of the rest of the file by replacing a block with its newlines. */
  private static String blankLines(String block) {
    return block.replaceAll("[^\n]", "");
  }

  private static String rewriteDispatch(String text) {
    StringBuilder out = new StringBuilder();
    int position = 0;
    while (true) {
      int start = text.indexOf(DISPATCH, position);
      if (start < 0) {
        out.append(text, position, text.length());
        return out.toString();
      }
      int argumentsEnd = closing(text, start + DISPATCH.length() - 1);
      int next = argumentsEnd + 1;
      while (argumentsEnd >= 0 && next < text.length() && text.charAt(next) == ' ') {
        next++;
      }
      if (argumentsEnd < 0 || next >= text.length() || text.charAt(next) != '(') {
        out.append(text, position, start + DISPATCH.length());
        position = start + DISPATCH.length();
        continue;
      }
      String dispatchArguments = text.substring(start + DISPATCH.length(), argumentsEnd);
      int callEnd = closing(text, next);
      if (callEnd < 0) {
        out.append(text, position, text.length());
        return out.toString();
      }
      String callArguments = splats(text.substring(next + 1, callEnd).strip());
      out.append(text, position, start);
      out.append("__dp_dispatch_call(__dp_dispatch(").append(dispatchArguments).append(')');
      if (!callArguments.isEmpty()) {
        out.append(", ").append(callArguments);
      }
      out.append(')');
      position = callEnd + 1;
    }
  }

  /**
   * Python's {@code *list} and {@code **mapping} arguments of a dispatched call become {@code
   * __dp_splat(list)} and {@code __dp_splat_keywords(mapping)}, which the call expands.
   */
  private static String splats(String arguments) {
    if (arguments.indexOf('*') < 0) {
      return arguments;
    }
    List<String> rewritten = new ArrayList<>();
    for (String argument : MacroSignatures.splitTopLevel(arguments)) {
      String stripped = argument.strip();
      if (stripped.startsWith("**")) {
        rewritten.add("__dp_splat_keywords(" + stripped.substring(2) + ")");
      } else if (stripped.startsWith("*")) {
        rewritten.add("__dp_splat(" + stripped.substring(1) + ")");
      } else {
        rewritten.add(argument);
      }
    }
    return String.join(",", rewritten);
  }

  /**
   * Drops the trailing commas Python accepts before a closing parenthesis or bracket inside tags
   * ({@code f(a=1, b=2,)}, {@code [x, y,]}), which Jinjava's parser rejects.
   */
  static String trailingCommas(String text) {
    StringBuilder out = new StringBuilder(text.length());
    String close = null;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (close == null) {
        if (text.startsWith("{#", i)) {
          int end = text.indexOf("#}", i + 2);
          end = end < 0 ? text.length() : end + 2;
          out.append(text, i, end);
          i = end - 1;
          continue;
        }
        if (text.startsWith("{{", i) || text.startsWith("{%", i)) {
          close = text.charAt(i + 1) == '{' ? "}}" : "%}";
          out.append(text, i, i + 2);
          i++;
          continue;
        }
        out.append(c);
      } else if (quote != 0) {
        if (c == '\\' && i + 1 < text.length()) {
          out.append(c).append(text.charAt(++i));
          continue;
        }
        if (c == quote) {
          quote = 0;
        }
        out.append(c);
      } else if (c == '\'' || c == '"') {
        quote = c;
        out.append(c);
      } else if (text.startsWith(close, i)) {
        out.append(close);
        i += close.length() - 1;
        close = null;
      } else if (c == ',' && closesNext(text, i + 1)) {
        continue;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean closesNext(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c == ')' || c == ']';
      }
    }
    return false;
  }

  /** The index of the parenthesis closing the one at {@code open}, or -1. */
  static int closing(String text, int open) {
    int depth = 0;
    char quote = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }
}
