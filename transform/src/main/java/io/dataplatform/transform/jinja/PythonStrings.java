package io.dataplatform.transform.jinja;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Python's string methods on strings ({@code 'a.b'.split('.')}, {@code '{}.{}'.format(a, b)},
 * {@code ','.join(names)}, {@code x.upper()}), which dbt packages call; Java's methods of the same
 * name behave differently (a regular expression for {@code split}, a locale for {@code format}).
 * Other method calls are left to the next resolver.
 */
final class PythonStrings extends ELResolver {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  @Override
  public Object invoke(
      ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
    if (!(base instanceof String text) || method == null) {
      return null;
    }
    Object[] arguments = params == null ? new Object[0] : params;
    Object result = call(text, method.toString(), arguments);
    if (result == NOT_HANDLED) {
      return null;
    }
    context.setPropertyResolved(true);
    return result;
  }

  private static final Object NOT_HANDLED = new Object();

  private static Object call(String text, String method, Object[] arguments) {
    return switch (method) {
      case "format" -> Formats.format(text, arguments);
      case "upper" -> text.toUpperCase(Locale.ROOT);
      case "lower" -> text.toLowerCase(Locale.ROOT);
      case "title" -> title(text);
      case "capitalize" ->
          text.isEmpty()
              ? text
              : text.substring(0, 1).toUpperCase(Locale.ROOT)
                  + text.substring(1).toLowerCase(Locale.ROOT);
      case "strip" -> strip(text, argument(arguments, 0), true, true);
      case "lstrip" -> strip(text, argument(arguments, 0), true, false);
      case "rstrip" -> strip(text, argument(arguments, 0), false, true);
      case "split" -> split(text, argument(arguments, 0), maxSplit(arguments));
      case "startswith" -> affix(text, arguments[0], true);
      case "endswith" -> affix(text, arguments[0], false);
      case "replace" ->
          arguments.length > 2
              ? replace(text, str(arguments[0]), str(arguments[1]), toInt(arguments[2]))
              : text.replace(str(arguments[0]), str(arguments[1]));
      case "join" -> join(text, arguments[0]);
      case "find" -> (long) text.indexOf(str(arguments[0]));
      case "count" -> count(text, str(arguments[0]));
      case "isdigit" -> !text.isEmpty() && text.chars().allMatch(Character::isDigit);
      case "isalpha" -> !text.isEmpty() && text.chars().allMatch(Character::isLetter);
      case "isupper" ->
          text.chars().anyMatch(Character::isLetter) && text.equals(text.toUpperCase(Locale.ROOT));
      case "islower" ->
          text.chars().anyMatch(Character::isLetter) && text.equals(text.toLowerCase(Locale.ROOT));
      default -> NOT_HANDLED;
    };
  }

  private static String argument(Object[] arguments, int index) {
    return arguments.length > index && arguments[index] != null ? str(arguments[index]) : null;
  }

  private static int maxSplit(Object[] arguments) {
    for (Object argument : arguments) {
      if (argument instanceof NamedParameter named && named.getName().equals("maxsplit")) {
        return toInt(named.getValue());
      }
    }
    return arguments.length > 1 && !(arguments[1] instanceof NamedParameter)
        ? toInt(arguments[1])
        : -1;
  }

  private static int toInt(Object value) {
    return value instanceof Number number ? number.intValue() : Integer.parseInt(str(value));
  }

  static String str(Object value) {
    if (value instanceof NamedParameter named) {
      return str(named.getValue());
    }
    JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
    if (value instanceof String text) {
      return text;
    }
    if (value == null) {
      return "None";
    }
    if (value instanceof Boolean bool) {
      return bool ? "True" : "False";
    }
    return interpreter == null ? value.toString() : interpreter.getAsString(value);
  }

  private static String title(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean previousLetter = false;
    for (char c : text.toCharArray()) {
      out.append(previousLetter ? Character.toLowerCase(c) : Character.toUpperCase(c));
      previousLetter = Character.isLetter(c);
    }
    return out.toString();
  }

  private static String strip(String text, String characters, boolean left, boolean right) {
    int start = 0;
    int end = text.length();
    while (left && start < end && stripped(text.charAt(start), characters)) {
      start++;
    }
    while (right && end > start && stripped(text.charAt(end - 1), characters)) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean stripped(char c, String characters) {
    return characters == null ? Character.isWhitespace(c) : characters.indexOf(c) >= 0;
  }

  private static List<String> split(String text, String separator, int maxSplit) {
    List<String> parts = new ArrayList<>();
    if (separator == null) {
      String rest = text.strip();
      if (rest.isEmpty()) {
        return parts;
      }
      String[] pieces = WHITESPACE.split(rest, maxSplit < 0 ? -1 : maxSplit + 1);
      parts.addAll(Arrays.asList(pieces));
      return parts;
    }
    int position = 0;
    while (maxSplit < 0 || parts.size() < maxSplit) {
      int found = text.indexOf(separator, position);
      if (found < 0) {
        break;
      }
      parts.add(text.substring(position, found));
      position = found + separator.length();
    }
    parts.add(text.substring(position));
    return parts;
  }

  private static boolean affix(String text, Object candidates, boolean prefix) {
    Iterable<?> all = candidates instanceof Iterable<?> many ? many : List.of(candidates);
    for (Object candidate : all) {
      String value = str(candidate);
      if (prefix ? text.startsWith(value) : text.endsWith(value)) {
        return true;
      }
    }
    return false;
  }

  private static String replace(String text, String old, String replacement, int count) {
    String result = text;
    int position = 0;
    for (int i = 0; count < 0 || i < count; i++) {
      int found = result.indexOf(old, position);
      if (found < 0) {
        break;
      }
      result = result.substring(0, found) + replacement + result.substring(found + old.length());
      position = found + replacement.length();
    }
    return result;
  }

  private static String join(String separator, Object values) {
    List<String> parts = new ArrayList<>();
    if (values instanceof Map<?, ?> map) {
      map.keySet().forEach(k -> parts.add(str(k)));
    } else if (values instanceof Iterable<?> iterable) {
      iterable.forEach(v -> parts.add(str(v)));
    } else if (values instanceof String text) {
      text.chars().forEach(c -> parts.add(String.valueOf((char) c)));
    }
    return String.join(separator, parts);
  }

  private static long count(String text, String part) {
    if (part.isEmpty()) {
      return text.length() + 1L;
    }
    long count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      count++;
    }
    return count;
  }

  /** Python's {@code str.format}: {@code {}}, {@code {0}}, {@code {name}} and {@code {{ }}}. */
  static final class Formats {
    private Formats() {}

    static String format(String template, Object[] arguments) {
      List<Object> positional = new ArrayList<>();
      Map<String, Object> named = new LinkedHashMap<>();
      for (Object argument : arguments) {
        if (argument instanceof NamedParameter parameter) {
          named.put(parameter.getName(), parameter.getValue());
        } else {
          positional.add(argument);
        }
      }
      StringBuilder out = new StringBuilder();
      int next = 0;
      for (int i = 0; i < template.length(); i++) {
        char c = template.charAt(i);
        if ((c == '{' || c == '}') && i + 1 < template.length() && template.charAt(i + 1) == c) {
          out.append(c);
          i++;
        } else if (c == '{') {
          int end = template.indexOf('}', i);
          if (end < 0) {
            throw new IllegalArgumentException(
                "Cannot format string: single '{' encountered (" + template + ")");
          }
          String field = template.substring(i + 1, end);
          int colon = field.indexOf(':');
          String name = colon < 0 ? field : field.substring(0, colon);
          Object value;
          if (name.isEmpty()) {
            value = positional.get(next++);
          } else if (name.chars().allMatch(Character::isDigit)) {
            value = positional.get(Integer.parseInt(name));
          } else {
            value = named.get(name);
          }
          out.append(colon < 0 ? str(value) : spec(value, field.substring(colon + 1)));
          i = end;
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }

    /** The format specifications dbt packages use: {@code .2f}, {@code d}, {@code ,}. */
    private static String spec(Object value, String spec) {
      if (value instanceof Number number) {
        if (spec.endsWith("f")) {
          int dot = spec.indexOf('.');
          int digits = dot < 0 ? 6 : Integer.parseInt(spec.substring(dot + 1, spec.length() - 1));
          String grouping = spec.contains(",") ? "," : "";
          return String.format(Locale.ROOT, "%" + grouping + "." + digits + "f", number);
        }
        if (spec.equals(",") || spec.equals(",d")) {
          return String.format(Locale.ROOT, "%,d", number.longValue());
        }
      }
      return str(value);
    }
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return null;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return null;
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    return true;
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {}
}
