package io.dataplatform.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dataplatform.api.DpException;
import io.dataplatform.transform.project.DbtProject;
import io.dataplatform.transform.project.Node;
import io.dataplatform.transform.project.ProjectLoader;
import io.dataplatform.transform.project.SourceTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestProjectLoader {
  @Test
  void folderConfigsPropertyFilesAndSources() {
    DbtProject project =
        ProjectLoader.load(Fixtures.project("selection"), Optional.empty(), Map.of());
    assertEquals("selection", project.name());
    Node staging = project.nodes().get("model.selection.stg_orders");
    assertEquals("view", staging.materialized());
    assertEquals("staging", staging.config().get("schema"));
    assertEquals(List.of("all", "stage"), staging.tags());
    assertEquals("models/staging/stg_orders.sql", staging.originalFilePath());
    assertEquals(List.of("selection", "staging", "stg_orders"), staging.fqn());
    Node revenue = project.nodes().get("model.selection.revenue");
    assertEquals("table", revenue.materialized());
    assertEquals(List.of("all", "finance"), revenue.tags());
    assertEquals(Map.of("owner", "ann"), revenue.config().get("meta"));
    Node orders = project.nodes().get("model.selection.orders");
    assertEquals(List.of("all", "yaml"), orders.tags());
    assertEquals("{{ doc(\"orders\") }}", orders.description());
    assertEquals("bigint", orders.columns().get("id").dataType());
    assertEquals(Map.of("orders", "All orders, joined with customers."), project.docs());
    SourceTable source = project.sources().get("source.selection.shop.orders");
    assertEquals("raw", source.schema());
    assertEquals("shop_orders", source.identifier());
    assertEquals(Map.of("warn_after", Map.of("count", 12, "period", "hour")), source.freshness());
    assertEquals(
        "customers", project.sources().get("source.selection.shop.customers").identifier());
    List<String> tests =
        project.nodes().values().stream()
            .filter(n -> n.test().isPresent())
            .map(n -> n.name() + ":" + n.config().get("severity") + ":" + n.config().get("where"))
            .toList();
    assertEquals(
        List.of("not_null_orders_id:warn:id > 0", "source_unique_shop_orders_id:ERROR:null"),
        tests);
  }

  @Test
  void profileTargetAndTestNames() {
    DbtProject incremental =
        ProjectLoader.load(Fixtures.project("incremental"), Optional.empty(), Map.of());
    assertEquals("analytics", incremental.target().schema());
    assertEquals(2, incremental.target().threads());
    DbtProject shop = ProjectLoader.load(Fixtures.project("shop"), Optional.empty(), Map.of());
    assertEquals("main", shop.target().schema());
    assertEquals(
        List.of(
            "unique_customers_customer_id",
            "not_null_customers_customer_id",
            "unique_orders_order_id",
            "not_null_orders_order_id",
            "relationships_orders_customer_id__customer_id__ref_customers_",
            "accepted_values_orders_1ce6ab157c285f7cd2ac656013faf758"),
        shop.nodes().values().stream().filter(n -> n.test().isPresent()).map(Node::name).toList());
    DpException missingTarget =
        assertThrows(
            DpException.class,
            () ->
                ProjectLoader.load(Fixtures.project("incremental"), Optional.of("prod"), Map.of()));
    assertEquals(
        "Cannot load profile: profile increments has no target prod ("
            + Fixtures.project("incremental").resolve("profiles.yml")
            + ")",
        missingTarget.getMessage());
  }

  @Test
  void missingProjectFile(@TempDir Path directory) {
    DpException error =
        assertThrows(
            DpException.class, () -> ProjectLoader.load(directory, Optional.empty(), Map.of()));
    assertEquals(
        "Cannot load dbt project: no dbt_project.yml in the directory ("
            + directory.toAbsolutePath().normalize()
            + ")",
        error.getMessage());
  }
}
