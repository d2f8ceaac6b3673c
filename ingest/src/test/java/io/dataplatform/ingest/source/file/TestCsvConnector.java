package io.dataplatform.ingest.source.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import io.dataplatform.api.connector.CheckResult;
import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.Connector;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.api.connector.SourceReader;
import io.dataplatform.api.connector.SourceStream;
import io.dataplatform.api.connector.StreamState;
import io.dataplatform.api.connector.SyncMode;
import io.dataplatform.ingest.source.SourceReads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TestCsvConnector extends LocalFileContract {
  @Override
  protected Connector connector() {
    return new CsvConnector();
  }

  @Override
  protected String extension() {
    return "csv";
  }

  @Override
  protected void write(Path file, List<Order> orders) throws Exception {
    StringBuilder text = new StringBuilder("id,amount,customer\n");
    for (Order order : orders) {
      text.append(order.id())
          .append(',')
          .append(order.amount())
          .append(",\"")
          .append(order.customer())
          .append("\"\n");
    }
    Files.writeString(file, text);
  }

  @Test
  void discoverInfersTypesAndTakesOverrides() throws Exception {
    SourceStream inferred = fixture();
    assertEquals(DataType.LONG, inferred.column("id").orElseThrow().type());
    assertEquals(DataType.DOUBLE, inferred.column("amount").orElseThrow().type());
    assertEquals(DataType.STRING, inferred.column("customer").orElseThrow().type());
    assertEquals(DataType.TIMESTAMPTZ, inferred.column("_dp_file_modified").orElseThrow().type());
    assertEquals(List.of("id"), inferred.primaryKey());

    ConnectorConfig overridden = config(Map.of("columns", Map.of("amount", "decimal(12,2)")));
    SourceStream stream = connector().discover(overridden).get(0);
    assertEquals(DataType.decimal(12, 2), stream.column("amount").orElseThrow().type());
    SourceReads reads = read(overridden, stream, SyncMode.FULL_REFRESH_OVERWRITE);
    assertEquals(
        List.of("10.25", "20.50", "30.75"),
        reads.rows("orders").stream().map(row -> row.value("amount")).sorted().toList());
  }

  @Test
  void rowsNameTheirFile() throws Exception {
    SourceReads reads = read(SyncMode.FULL_REFRESH_OVERWRITE, Optional.empty(), StreamState.EMPTY);
    Path file = imports.resolve("orders/part-1.csv").toRealPath();
    assertTrue(
        reads.rows("orders").stream()
            .allMatch(row -> row.value("_dp_file").equals(file.toString())),
        "every row names " + file);
    assertTrue(reads.rows("orders").get(0).value("_dp_file_modified").startsWith("2024-03-01"));
  }

  @Test
  void malformedLineFailsNamingFileAndLine() throws Exception {
    SourceStream discovered = fixture();
    Files.writeString(
        imports.resolve("orders/part-9.csv"), "id,amount,customer\n7,1.5,x\n8,abc,y\n");
    ConfiguredStream stream =
        new ConfiguredStream(
            discovered,
            SyncMode.FULL_REFRESH_OVERWRITE,
            Optional.empty(),
            List.of(),
            StreamState.EMPTY);
    DpException error =
        assertThrows(
            DpException.class,
            () -> {
              try (SourceReader reader = connector().read(config(), request(List.of(stream)))) {
                SourceReads.drain(reader, Duration.ofSeconds(30));
              }
            });
    Path file = imports.resolve("orders/part-9.csv").toRealPath();
    assertEquals(
        "Cannot read csv file at line 3: Error when converting column \"amount\". Could not"
            + " convert string \"abc\" to 'DOUBLE' ("
            + file
            + "; set on_error: skip to skip such lines)",
        error.getMessage());
  }

  @Test
  void malformedLinesAreSkippedWhenAsked() throws Exception {
    SourceStream discovered = fixture();
    Files.writeString(
        imports.resolve("orders/part-9.csv"),
        "id,amount,customer\n7,1.5,x\n8,abc,y\n9,2.5,z,extra\n10,3,w\n");
    ConnectorConfig config = config(Map.of("on_error", "skip"));
    SourceReads reads = read(config, discovered, SyncMode.FULL_REFRESH_OVERWRITE);
    assertEquals(
        "1,10,2,3,7",
        reads.rows("orders").stream()
            .map(row -> row.value("id"))
            .sorted()
            .collect(Collectors.joining(",")));
    assertEquals(
        List.of(
            "Skipped 2 malformed lines of "
                + imports.resolve("orders/part-9.csv")
                + " (on_error: skip)"),
        reads.messages.stream()
            .filter(SourceMessage.LogLine.class::isInstance)
            .map(message -> ((SourceMessage.LogLine) message).message())
            .toList());
  }

  @Test
  void parsingOptionsAreHonoured() throws Exception {
    Path folder = Files.createDirectories(imports.resolve("legacy"));
    Files.write(
        folder.resolve("export.txt"),
        "exported by the shop\n1;Zoë;n/a\n2;'Ann;ie';4,5\n3;Bob;7\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    ConnectorConfig config =
        config(
            Map.of(
                "path", "legacy",
                "stream", "people",
                "glob", "*.txt",
                "delimiter", ";",
                "quote", "'",
                "header", false,
                "column_names", List.of("id", "name", "score"),
                "encoding", "ISO-8859-1",
                "skip_rows", 1,
                "null_values", List.of("n/a")));
    SourceStream stream = connector().discover(config).get(0);
    assertEquals("people", stream.name());
    SourceReads reads = read(config, stream, SyncMode.FULL_REFRESH_OVERWRITE);
    assertEquals(
        "1 Zoë null|2 Ann;ie 4,5|3 Bob 7",
        reads.rows("people").stream()
            .map(row -> row.value("id") + " " + row.value("name") + " " + row.value("score"))
            .sorted()
            .collect(Collectors.joining("|")));
  }

  @Test
  void aChangedFileIsReadAgain() throws Exception {
    SourceReads first = read(SyncMode.INCREMENTAL_APPEND, fixtureCursor(), StreamState.EMPTY);
    StreamState state = first.lastCheckpoint("orders").orElseThrow().state();
    write(
        imports.resolve("orders/part-1.csv"),
        List.of(
            new Order(1, 1, "a"),
            new Order(2, 2, "b"),
            new Order(3, 3, "c"),
            new Order(4, 4, "d")));
    SourceReads second = read(SyncMode.INCREMENTAL_APPEND, fixtureCursor(), state);
    assertEquals(4, second.rows("orders").size());
  }

  @Test
  void pathsOutsideTheImportDirectoriesAreRefused(@org.junit.jupiter.api.io.TempDir Path elsewhere)
      throws Exception {
    Files.writeString(elsewhere.resolve("secret.csv"), "id\n1\n");
    CheckResult absolute = connector().check(config(Map.of("path", elsewhere.toString())));
    assertEquals(
        "Cannot read csv files: the path is outside the import directories ("
            + elsewhere
            + "; import directories ["
            + imports
            + "])",
        absolute.message());
    CheckResult dotted =
        connector().check(config(Map.of("path", "orders/../../" + elsewhere.getFileName())));
    assertFalse(dotted.isSuccess(), dotted.message());
    assertTrue(
        dotted.message().startsWith("Cannot read csv files: the path is outside"),
        dotted.message());

    Files.createSymbolicLink(imports.resolve("orders/link.csv"), elsewhere.resolve("secret.csv"));
    DpException linked = assertThrows(DpException.class, () -> connector().discover(config()));
    assertEquals(
        "Cannot read file: it links to a place outside the import directories ("
            + imports.resolve("orders").toRealPath().resolve("link.csv")
            + " -> "
            + elsewhere.resolve("secret.csv").toRealPath()
            + ")",
        linked.getMessage());
  }

  @Test
  void aFileWithAnotherShapeKeepsTheStreamColumnsFirst() throws Exception {
    SourceStream discovered = fixture();
    Files.writeString(
        imports.resolve("orders/part-7.csv"), "customer,id,coupon\n\"late\",70,SPRING\n");
    SourceReads reads = read(config(), discovered, SyncMode.FULL_REFRESH_APPEND);
    SourceMessage.StagedFile late =
        reads.messages.stream()
            .filter(SourceMessage.StagedFile.class::isInstance)
            .map(SourceMessage.StagedFile.class::cast)
            .filter(file -> file.rows() == 1)
            .findFirst()
            .orElseThrow();
    assertEquals(
        List.of("id", "amount", "customer", "coupon", "_dp_file", "_dp_file_modified"),
        late.columns().stream().map(SourceColumn::name).toList());
    SourceReads.Row row =
        reads.rows("orders").stream()
            .filter(r -> r.value("id").equals("70"))
            .findFirst()
            .orElseThrow();
    assertEquals(null, row.value("amount"));
    assertEquals("late", row.value("customer"));
    assertEquals("SPRING", row.value("coupon"));
  }

  @Test
  void emptyFilesHoldNoRows() throws Exception {
    Files.writeString(imports.resolve("orders/part-0.csv"), "");
    SourceReads reads = read(SyncMode.INCREMENTAL_APPEND, fixtureCursor(), StreamState.EMPTY);
    assertEquals(3, reads.rows("orders").size());
    Path empty = imports.resolve("orders/part-0.csv").toRealPath();
    assertTrue(
        reads.lastCheckpoint("orders").orElseThrow().state().value("file:" + empty).isPresent(),
        "the empty file counts as loaded");
  }

  @Test
  void aFileNamedLikeAGlobIsReadAsItself() throws Exception {
    Files.writeString(imports.resolve("orders/part-[1].csv"), "id,amount,customer\n90,1.0,glob\n");
    SourceReads reads = read(SyncMode.FULL_REFRESH_OVERWRITE, Optional.empty(), StreamState.EMPTY);
    assertEquals(
        "1,2,3,90",
        reads.rows("orders").stream()
            .map(row -> row.value("id"))
            .sorted()
            .collect(Collectors.joining(",")));
  }

  private SourceReads read(ConnectorConfig config, SourceStream stream, SyncMode mode)
      throws Exception {
    ConfiguredStream configured =
        new ConfiguredStream(stream, mode, Optional.empty(), List.of(), StreamState.EMPTY);
    try (SourceReader reader = connector().read(config, request(List.of(configured)))) {
      return SourceReads.drain(reader, Duration.ofSeconds(30));
    }
  }
}
