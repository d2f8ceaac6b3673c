package io.dataplatform.transform.jinja.modules;

import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Python's {@code re} module under {@code modules.re}: match, search, fullmatch, findall, sub,
 * split, compile, escape and the common flags. Python's {@code (?P<name>…)} groups are accepted.
 */
final class RegexModule {
  static final int IGNORECASE = 2;
  static final int MULTILINE = 8;
  static final int DOTALL = 16;
  static final int VERBOSE = 64;

  private RegexModule() {}

  static Map<String, Object> create() {
    Map<String, Object> module = new LinkedHashMap<>();
    module.put(
        "compile",
        new PyFunction(
            "compile",
            (a, extra) -> compile(a.get("pattern"), a.get("flags")),
            "pattern",
            "flags"));
    module.put(
        "match",
        new PyFunction(
            "match",
            (a, extra) -> compile(a.get("pattern"), a.get("flags")).match(text(a, "string")),
            "pattern",
            "string",
            "flags"));
    module.put(
        "search",
        new PyFunction(
            "search",
            (a, extra) -> compile(a.get("pattern"), a.get("flags")).search(text(a, "string")),
            "pattern",
            "string",
            "flags"));
    module.put(
        "fullmatch",
        new PyFunction(
            "fullmatch",
            (a, extra) -> compile(a.get("pattern"), a.get("flags")).fullmatch(text(a, "string")),
            "pattern",
            "string",
            "flags"));
    module.put(
        "findall",
        new PyFunction(
            "findall",
            (a, extra) -> compile(a.get("pattern"), a.get("flags")).findall(text(a, "string")),
            "pattern",
            "string",
            "flags"));
    module.put(
        "sub",
        new PyFunction(
            "sub",
            (a, extra) ->
                compile(a.get("pattern"), a.get("flags"))
                    .sub(text(a, "repl"), text(a, "string"), count(a.get("count"))),
            "pattern",
            "repl",
            "string",
            "count",
            "flags"));
    module.put(
        "split",
        new PyFunction(
            "split",
            (a, extra) ->
                compile(a.get("pattern"), a.get("flags"))
                    .split(text(a, "string"), count(a.get("maxsplit"))),
            "pattern",
            "string",
            "maxsplit",
            "flags"));
    module.put(
        "escape",
        new PyFunction(
            "escape",
            (a, extra) -> text(a, "pattern").replaceAll("([^A-Za-z0-9_])", "\\\\$1"),
            "pattern"));
    module.put("IGNORECASE", IGNORECASE);
    module.put("I", IGNORECASE);
    module.put("MULTILINE", MULTILINE);
    module.put("M", MULTILINE);
    module.put("DOTALL", DOTALL);
    module.put("S", DOTALL);
    module.put("VERBOSE", VERBOSE);
    module.put("X", VERBOSE);
    return module;
  }

  private static String text(Map<String, Object> arguments, String name) {
    return PyFunction.string(arguments.get(name), name);
  }

  private static int count(Object value) {
    return value == null ? 0 : Math.toIntExact(PyFunction.integer(value, "count"));
  }

  static PyPattern compile(Object pattern, Object flags) {
    if (pattern instanceof PyPattern compiled) {
      return compiled;
    }
    String source = PyFunction.string(pattern, "pattern");
    int pythonFlags = flags == null ? 0 : Math.toIntExact(PyFunction.integer(flags, "flags"));
    int javaFlags = 0;
    if ((pythonFlags & IGNORECASE) != 0) {
      javaFlags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    }
    if ((pythonFlags & MULTILINE) != 0) {
      javaFlags |= Pattern.MULTILINE;
    }
    if ((pythonFlags & DOTALL) != 0) {
      javaFlags |= Pattern.DOTALL;
    }
    if ((pythonFlags & VERBOSE) != 0) {
      javaFlags |= Pattern.COMMENTS;
    }
    String translated =
        source
            .replace("(?P<", "(?<")
            .replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>")
            .replace("\\Z", "\\z");
    try {
      return new PyPattern(source, Pattern.compile(translated, javaFlags));
    } catch (PatternSyntaxException e) {
      throw PyFunction.error(
          "Cannot compile regular expression: " + e.getDescription() + " (" + source + ")");
    }
  }

  /** A compiled pattern, {@code re.compile(...)}. */
  public static final class PyPattern implements PyishSerializable {
    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([A-Za-z][A-Za-z0-9]*)>");
    private final String source;
    private final Pattern pattern;
    private final List<String> groupNames = new ArrayList<>();

    PyPattern(String source, Pattern pattern) {
      this.source = source;
      this.pattern = pattern;
      Matcher names = GROUP_NAME.matcher(pattern.pattern());
      while (names.find()) {
        groupNames.add(names.group(1));
      }
    }

    public String getPattern() {
      return source;
    }

    public PyMatch match(String text) {
      Matcher matcher = pattern.matcher(text);
      return matcher.lookingAt() ? new PyMatch(matcher, groupNames) : null;
    }

    public PyMatch search(String text) {
      Matcher matcher = pattern.matcher(text);
      return matcher.find() ? new PyMatch(matcher, groupNames) : null;
    }

    public PyMatch fullmatch(String text) {
      Matcher matcher = pattern.matcher(text);
      return matcher.matches() ? new PyMatch(matcher, groupNames) : null;
    }

    public List<Object> findall(String text) {
      Matcher matcher = pattern.matcher(text);
      List<Object> found = new ArrayList<>();
      while (matcher.find()) {
        int groups = matcher.groupCount();
        if (groups == 0) {
          found.add(matcher.group());
        } else if (groups == 1) {
          found.add(nullToEmpty(matcher.group(1)));
        } else {
          List<String> tuple = new ArrayList<>();
          for (int g = 1; g <= groups; g++) {
            tuple.add(nullToEmpty(matcher.group(g)));
          }
          found.add(tuple);
        }
      }
      return found;
    }

    public String sub(String replacement, String text) {
      return sub(replacement, text, 0);
    }

    /** Python's {@code \1} and {@code \g<name>} references in {@code replacement} are honoured. */
    public String sub(String replacement, String text, int count) {
      String javaReplacement =
          replacement
              .replace("$", "\\$")
              .replaceAll("\\\\g<(\\w+)>", "\\${$1}")
              .replaceAll("\\\\(\\d+)", "\\$$1");
      Matcher matcher = pattern.matcher(text);
      StringBuilder out = new StringBuilder();
      int replaced = 0;
      while ((count == 0 || replaced < count) && matcher.find()) {
        matcher.appendReplacement(out, javaReplacement);
        replaced++;
      }
      matcher.appendTail(out);
      return out.toString();
    }

    public List<String> split(String text) {
      return split(text, 0);
    }

    public List<String> split(String text, int maxSplit) {
      Matcher matcher = pattern.matcher(text);
      List<String> parts = new ArrayList<>();
      int position = 0;
      while ((maxSplit == 0 || parts.size() < maxSplit) && matcher.find()) {
        parts.add(text.substring(position, matcher.start()));
        for (int g = 1; g <= matcher.groupCount(); g++) {
          parts.add(matcher.group(g));
        }
        position = matcher.end();
      }
      parts.add(text.substring(position));
      return parts;
    }

    @Override
    public String toString() {
      return "re.compile('" + source + "')";
    }

    @Override
    public <T extends Appendable & CharSequence> T appendPyishString(T appendable)
        throws IOException {
      appendable.append(toString());
      return appendable;
    }
  }

  /** A match: {@code group()}, {@code group(1)}, {@code group('name')}, {@code groups()}. */
  public static final class PyMatch implements PyishSerializable {
    private final List<String> groups = new ArrayList<>();
    private final Map<String, String> named = new LinkedHashMap<>();
    private final int start;
    private final int end;

    PyMatch(Matcher matcher, List<String> groupNames) {
      for (int g = 0; g <= matcher.groupCount(); g++) {
        groups.add(matcher.group(g));
      }
      for (String name : groupNames) {
        named.put(name, matcher.group(name));
      }
      start = matcher.start();
      end = matcher.end();
    }

    public String group() {
      return groups.get(0);
    }

    public String group(Object index) {
      if (index instanceof Number number) {
        int position = number.intValue();
        if (position < 0 || position >= groups.size()) {
          throw PyFunction.error("Cannot read regex group: no such group (" + index + ")");
        }
        return groups.get(position);
      }
      String name = String.valueOf(index);
      if (!named.containsKey(name)) {
        throw PyFunction.error("Cannot read regex group: no such group (" + name + ")");
      }
      return named.get(name);
    }

    public List<String> groups() {
      return groups.subList(1, groups.size());
    }

    public Map<String, String> groupdict() {
      return named;
    }

    public int start() {
      return start;
    }

    public int end() {
      return end;
    }

    public List<Integer> span() {
      return List.of(start, end);
    }

    @Override
    public String toString() {
      return "<re.Match object; span=(" + start + ", " + end + "), match='" + group() + "'>";
    }

    @Override
    public <T extends Appendable & CharSequence> T appendPyishString(T appendable)
        throws IOException {
      appendable.append(toString());
      return appendable;
    }
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
