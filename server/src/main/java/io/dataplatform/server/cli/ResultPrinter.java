package io.dataplatform.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints an answer of {@code POST /api/v1/sql} as a table, CSV or JSON lines. */
final class ResultPrinter {
  private ResultPrinter() {}

  static void print(JsonNode answer, OutputFormat format, PrintStream out) {
    List<String> names = new ArrayList<>();
    answer.path("columns").forEach(column -> names.add(column.path("name").asText()));
    if (names.isEmpty()) {
      long count = answer.path("updateCount").asLong(0);
      out.println(count > 0 ? count + " row(s) affected" : "OK");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode row : answer.path("rows")) {
      List<String> cells = new ArrayList<>();
      row.forEach(cell -> cells.add(text(cell)));
      rows.add(cells);
    }
    switch (format) {
      case CSV -> printCsv(names, rows, out);
      case JSON -> printJson(names, answer.path("rows"), out);
      case TABLE -> printTable(names, rows, out);
    }
    if (format == OutputFormat.TABLE) {
      out.println("(" + rows.size() + (rows.size() == 1 ? " row" : " rows") + ")");
    }
    if (answer.path("truncated").asBoolean()) {
      System.err.println("dp: output stopped at " + rows.size() + " rows; use --limit for more");
    }
  }

  private static String text(JsonNode cell) {
    if (cell.isNull()) {
      return "NULL";
    }
    return cell.isValueNode() ? cell.asText() : cell.toString();
  }

  private static void printTable(List<String> names, List<List<String>> rows, PrintStream out) {
    int[] widths = new int[names.size()];
    for (int i = 0; i < names.size(); i++) {
      widths[i] = names.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    out.println(line(names, widths));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
    }
    out.println(rule);
    for (List<String> row : rows) {
      out.println(line(row, widths));
    }
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      line.append(i == 0 ? "" : " | ");
      line.append(String.format("%-" + widths[i] + "s", cells.get(i)));
    }
    return line.toString().stripTrailing();
  }

  private static void printCsv(List<String> names, List<List<String>> rows, PrintStream out) {
    out.println(String.join(",", names.stream().map(ResultPrinter::csv).toList()));
    for (List<String> row : rows) {
      out.println(String.join(",", row.stream().map(ResultPrinter::csv).toList()));
    }
  }

  private static String csv(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }

  private static void printJson(List<String> names, JsonNode rows, PrintStream out) {
    ObjectMapper mapper = new ObjectMapper();
    for (JsonNode row : rows) {
      ObjectNode object = mapper.createObjectNode();
      for (int i = 0; i < names.size(); i++) {
        object.set(names.get(i), row.get(i));
      }
      out.println(object);
    }
    if (rows instanceof ArrayNode array && array.isEmpty()) {
      out.flush();
    }
  }
}
