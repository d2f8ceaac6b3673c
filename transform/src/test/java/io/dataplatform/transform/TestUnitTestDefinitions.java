package io.dataplatform.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dataplatform.api.DpException;
import io.dataplatform.transform.project.DbtProject;
import io.dataplatform.transform.project.Node;
import io.dataplatform.transform.project.ProjectLoader;
import io.dataplatform.transform.project.UnitTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestUnitTestDefinitions {
  @TempDir Path directory;

  @Test
  void unitTestsBecomeNodesWithTheirFixtures() {
    DbtProject project =
        ProjectLoader.load(Fixtures.project("unit_tests"), Optional.empty(), Map.of());
    UnitTest test =
        project.unitTests().get("unit_test.ut.customer_totals.test_totals_minimum_amount");
    assertEquals("model.ut.customer_totals", test.modelId());
    assertEquals(Map.of("min_amount", 5), test.vars());
    assertEquals(UnitTest.Format.CSV, test.given().get(1).fixture().format());
    assertEquals(
        "order_id,customer_id,amount,status\n10,1,12.00,completed\n11,1,3.00,completed\n"
            + "12,2,8.00,returned\n",
        test.given().get(1).fixture().rows());
    Node node = project.nodes().get(test.uniqueId());
    assertEquals(
        List.of("ut", "marts", "customer_totals", "test_totals_minimum_amount"), node.fqn());
    Node disabled = project.nodes().get("unit_test.ut.stg_orders.test_disabled");
    assertEquals(false, disabled.enabled());
    assertEquals(
        List.of("totals"),
        project
            .nodes()
            .get("unit_test.ut.customer_totals.test_totals_count_completed_orders")
            .tags());
  }

  @Test
  void unknownModelIsReported() throws IOException {
    Path project = write("model: nothing_here\n    given: []\n    expect: {rows: []}");
    DpException error =
        assertThrows(
            DpException.class, () -> ProjectLoader.load(project, Optional.empty(), Map.of()));
    assertEquals(
        "Cannot load unit test t: its model nothing_here is not a model of the project"
            + " (models/unit.yml)",
        error.getMessage());
  }

  @Test
  void missingFixtureFileIsReported() throws IOException {
    Path project = write("model: m\n    given: []\n    expect: {format: csv, fixture: absent}");
    DpException error =
        assertThrows(
            DpException.class, () -> ProjectLoader.load(project, Optional.empty(), Map.of()));
    assertEquals(
        "Cannot load unit test t: no fixture file absent.csv under a fixtures directory",
        error.getMessage());
  }

  private Path write(String body) throws IOException {
    Files.createDirectories(directory.resolve("models"));
    Files.writeString(directory.resolve("dbt_project.yml"), "name: p\nprofile: p\n");
    Files.writeString(directory.resolve("models/m.sql"), "select 1 as id");
    Files.writeString(
        directory.resolve("models/unit.yml"), "unit_tests:\n  - name: t\n    " + body + "\n");
    return directory;
  }
}
