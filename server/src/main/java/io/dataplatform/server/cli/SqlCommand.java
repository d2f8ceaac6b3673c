package io.dataplatform.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dp sql "SQL"}: runs one statement on a running server and prints the rows. */
@Command(name = "sql", description = "Run a SQL statement on a running server.")
public final class SqlCommand implements Runnable {
  @Mixin ClientOptions client;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "table, csv or json (default table)",
      converter = FormatConverter.class)
  OutputFormat format = OutputFormat.TABLE;

  @Option(
      names = "--limit",
      paramLabel = "ROWS",
      description = "Most rows to print (default 10000)")
  int limit = 10_000;

  @Parameters(paramLabel = "SQL", description = "The statement; - reads it from standard input")
  String sql;

  @Override
  public void run() {
    String text = sql;
    if ("-".equals(text)) {
      try {
        text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw io.dataplatform.api.DpException.user(
            "Cannot read SQL from standard input: " + e.getMessage());
      }
    }
    JsonNode answer =
        new ServerClient(client).post("/api/v1/sql", Map.of("sql", text, "limit", limit));
    ResultPrinter.print(answer, format, System.out);
  }

  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      try {
        return OutputFormat.valueOf(value.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "expected table, csv or json (" + value + ")");
      }
    }
  }
}
