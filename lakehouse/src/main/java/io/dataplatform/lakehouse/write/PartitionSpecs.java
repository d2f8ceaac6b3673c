package io.dataplatform.lakehouse.write;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;

/**
 * Partition specs in the SQL syntax {@code PARTITIONED BY (region, month(order_date), bucket(16,
 * id), truncate(4, name))}, and their display form.
 */
public final class PartitionSpecs {
  private static final Pattern TRANSFORM =
      Pattern.compile(
          "(?i)(year|month|day|hour|years|months|days|hours)\\s*\\(\\s*\"?(\\w+)\"?\\s*\\)");
  private static final Pattern WITH_WIDTH =
      Pattern.compile("(?i)(bucket|truncate)\\s*\\(\\s*(\\d+)\\s*,\\s*\"?(\\w+)\"?\\s*\\)");
  private static final Pattern IDENTITY = Pattern.compile("\"?(\\w+)\"?");

  private PartitionSpecs() {}

  /** Builds a spec from the comma-separated terms inside {@code PARTITIONED BY ( ... )}. */
  public static PartitionSpec parse(Schema schema, List<String> terms) {
    PartitionSpec.Builder builder = PartitionSpec.builderFor(schema);
    for (String raw : terms) {
      String term = raw.trim();
      Matcher transform = TRANSFORM.matcher(term);
      Matcher withWidth = WITH_WIDTH.matcher(term);
      Matcher identity = IDENTITY.matcher(term);
      try {
        if (transform.matches()) {
          String column = column(schema, transform.group(2));
          switch (transform.group(1).toLowerCase(Locale.ROOT).replaceAll("s$", "")) {
            case "year" -> builder.year(column);
            case "month" -> builder.month(column);
            case "day" -> builder.day(column);
            default -> builder.hour(column);
          }
        } else if (withWidth.matches()) {
          int width = Integer.parseInt(withWidth.group(2));
          String column = column(schema, withWidth.group(3));
          if (withWidth.group(1).equalsIgnoreCase("bucket")) {
            builder.bucket(column, width);
          } else {
            checkTruncatable(schema.findType(column), term);
            builder.truncate(column, width);
          }
        } else if (identity.matches()) {
          builder.identity(column(schema, identity.group(1)));
        } else {
          throw invalid(
              term,
              "expected column, year(c), month(c), day(c), hour(c), bucket(n, c) or truncate(n, c)");
        }
      } catch (IllegalArgumentException | org.apache.iceberg.exceptions.ValidationException e) {
        throw invalid(term, e.getMessage());
      }
    }
    return builder.build();
  }

  private static void checkTruncatable(Type type, String term) {
    if (type.typeId() != Type.TypeID.INTEGER
        && type.typeId() != Type.TypeID.LONG
        && type.typeId() != Type.TypeID.STRING) {
      throw new DpException(
          StandardErrorCode.NOT_SUPPORTED,
          "Cannot partition table: truncate supports int, bigint and varchar columns ("
              + term
              + ")");
    }
  }

  private static String column(Schema schema, String name) {
    var field = schema.caseInsensitiveFindField(name);
    if (field == null) {
      throw invalid(name, "no such column");
    }
    return field.name();
  }

  private static DpException invalid(String term, String reason) {
    return new DpException(
        StandardErrorCode.SQL_ERROR, "Cannot partition table: " + reason + " (" + term + ")");
  }

  /** Display form of each field, e.g. {@code month(order_date)}, {@code bucket(16, id)}. */
  public static List<String> describe(PartitionSpec spec) {
    return spec.fields().stream().map(field -> describe(spec.schema(), field)).toList();
  }

  private static String describe(Schema schema, PartitionField field) {
    String source = schema.findColumnName(field.sourceId());
    String transform = field.transform().toString();
    if (transform.equals("identity")) {
      return source;
    }
    Matcher width = Pattern.compile("(bucket|truncate)\\[(\\d+)]").matcher(transform);
    if (width.matches()) {
      return width.group(1) + "(" + width.group(2) + ", " + source + ")";
    }
    return transform + "(" + source + ")";
  }
}
