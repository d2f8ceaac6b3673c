package io.dataplatform.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.AssetKey;
import io.dataplatform.api.DpException;
import io.dataplatform.orchestrator.asset.AssetDefinition;
import io.dataplatform.orchestrator.asset.AssetGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestAssetGraph {
  private static AssetDefinition asset(String key, String... dependencies) {
    return new AssetDefinition(
        AssetKey.parse(key),
        "model",
        List.of(dependencies).stream().map(AssetKey::parse).toList(),
        "",
        Optional.empty());
  }

  private static AssetGraph shop() {
    return AssetGraph.of(
        List.of(
            asset("staging.orders", "raw.orders"),
            asset("staging.customers", "raw.customers"),
            asset("marts.fct_orders", "staging.orders"),
            asset("marts.dim_customers", "staging.customers", "staging.orders"),
            asset("marts.revenue", "marts.fct_orders")));
  }

  @Test
  void addsUndefinedDependenciesAsExternalAssets() {
    AssetGraph graph = shop();
    assertEquals(7, graph.size());
    assertEquals("external", graph.asset(AssetKey.parse("raw.orders")).kind());
    assertEquals(
        Set.of(AssetKey.parse("marts.fct_orders"), AssetKey.parse("marts.dim_customers")),
        Set.copyOf(graph.downstreamOf(AssetKey.parse("staging.orders"))));
  }

  @Test
  void selectsUpstreamAndDownstream() {
    AssetGraph graph = shop();
    assertEquals(
        Set.of("marts.fct_orders", "staging.orders", "raw.orders"),
        names(graph.select("+marts.fct_orders")));
    assertEquals(
        Set.of("staging.orders", "marts.fct_orders", "marts.dim_customers", "marts.revenue"),
        names(graph.select("staging.orders+")));
    assertEquals(Set.of("marts.revenue"), names(graph.select("marts.revenue")));
    DpException missing = assertThrows(DpException.class, () -> graph.select("+marts.nothing"));
    assertEquals("Cannot find asset: no such asset (marts.nothing)", missing.getMessage());
  }

  @Test
  void ordersDependenciesFirst() {
    List<AssetKey> order = shop().topologicalOrder();
    assertTrue(
        order.indexOf(AssetKey.parse("raw.orders"))
            < order.indexOf(AssetKey.parse("staging.orders")));
    assertTrue(
        order.indexOf(AssetKey.parse("marts.fct_orders"))
            < order.indexOf(AssetKey.parse("marts.revenue")));
  }

  @Test
  void mergesDefinitionsOfOneKey() {
    AssetGraph graph =
        AssetGraph.of(
            List.of(
                new AssetDefinition(
                    AssetKey.parse("marts.revenue"), "job", List.of(), "", Optional.of("daily")),
                asset("marts.revenue", "marts.fct_orders")));
    AssetDefinition merged = graph.asset(AssetKey.parse("marts.revenue"));
    assertEquals("model", merged.kind());
    assertEquals(Optional.of("daily"), merged.job());
    assertEquals(List.of(AssetKey.parse("marts.fct_orders")), merged.dependencies());
  }

  @Test
  void reportsCycles() {
    AssetGraph graph = AssetGraph.of(List.of(asset("a.x", "a.y"), asset("a.y", "a.x")));
    DpException cycle = assertThrows(DpException.class, graph::topologicalOrder);
    assertEquals(
        "Cannot order assets: their dependencies form a cycle through a.x (a.x)",
        cycle.getMessage());
  }

  @Test
  void buildsTenThousandAssetsQuickly() {
    List<AssetDefinition> assets = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      assets.add(i == 0 ? asset("n.a0") : asset("n.a" + i, "n.a" + (i / 2)));
    }
    AssetGraph graph = AssetGraph.of(assets);
    assertEquals(10_000, graph.size());
    assertEquals(10_000, graph.topologicalOrder().size());
    assertEquals(10_000, graph.select("n.a0+").size());
  }

  private static Set<String> names(Set<AssetKey> keys) {
    return Set.copyOf(keys.stream().map(AssetKey::toString).toList());
  }
}
