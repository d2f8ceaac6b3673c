package io.dataplatform.transform.jinja.modules;

import java.util.Optional;

/**
 * {@code +} and {@code -} between dates, datetimes and timedeltas, as in Python; empty when the
 * operands are not such values.
 */
public final class PyArithmetic {
  private PyArithmetic() {}

  public static Optional<Object> add(Object left, Object right) {
    if (left instanceof PyTimedelta delta) {
      if (right instanceof PyTimedelta other) {
        return Optional.of(delta.plus(other));
      }
      return add(right, left);
    }
    if (right instanceof PyTimedelta delta) {
      if (left instanceof PyDateTime dateTime) {
        return Optional.of(dateTime.plus(delta));
      }
      if (left instanceof PyDate date) {
        return Optional.of(date.plus(delta));
      }
    }
    if (isTemporal(left) || isTemporal(right)) {
      throw unsupported("+", left, right);
    }
    return Optional.empty();
  }

  public static Optional<Object> subtract(Object left, Object right) {
    if (right instanceof PyTimedelta delta) {
      if (left instanceof PyTimedelta other) {
        return Optional.of(other.minus(delta));
      }
      if (left instanceof PyDateTime dateTime) {
        return Optional.of(dateTime.plus(delta.negate()));
      }
      if (left instanceof PyDate date) {
        return Optional.of(date.plus(delta.negate()));
      }
    }
    if (left instanceof PyDateTime dateTime && right instanceof PyDateTime other) {
      return Optional.of(dateTime.minus(other));
    }
    if (left instanceof PyDate date && right instanceof PyDate other) {
      return Optional.of(date.minus(other));
    }
    if (isTemporal(left) || isTemporal(right)) {
      throw unsupported("-", left, right);
    }
    return Optional.empty();
  }

  private static boolean isTemporal(Object value) {
    return value instanceof PyDate || value instanceof PyDateTime || value instanceof PyTimedelta;
  }

  private static RuntimeException unsupported(String operator, Object left, Object right) {
    return PyFunction.error(
        "Cannot compute "
            + operator
            + ": unsupported operand types ("
            + typeName(left)
            + " "
            + operator
            + " "
            + typeName(right)
            + ")");
  }

  private static String typeName(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof PyDate) {
      return "date";
    }
    if (value instanceof PyDateTime) {
      return "datetime";
    }
    if (value instanceof PyTimedelta) {
      return "timedelta";
    }
    return value.getClass().getSimpleName();
  }
}
