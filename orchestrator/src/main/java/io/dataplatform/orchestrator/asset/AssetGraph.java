package io.dataplatform.orchestrator.asset;

import io.dataplatform.api.AssetKey;
import io.dataplatform.api.DpException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The assets and their dependencies. Definitions of the same key from several sources merge: their
 * dependencies are united, and the first known job wins. A dependency on a key no source defines
 * adds that key as an {@code external} asset.
 */
public final class AssetGraph {
  private final Map<AssetKey, AssetDefinition> nodes;
  private final Map<AssetKey, List<AssetKey>> downstream;

  private AssetGraph(Map<AssetKey, AssetDefinition> nodes) {
    this.nodes = nodes;
    Map<AssetKey, List<AssetKey>> children = new HashMap<>();
    for (AssetDefinition node : nodes.values()) {
      for (AssetKey parent : node.dependencies()) {
        children.computeIfAbsent(parent, key -> new ArrayList<>()).add(node.key());
      }
    }
    this.downstream = children;
  }

  public static AssetGraph of(Collection<AssetDefinition> definitions) {
    // Hash maps while merging, then one sort by the dotted key: tens of thousands of assets cost
    // one comparison sort instead of a tree lookup per definition and per dependency.
    Map<AssetKey, AssetDefinition> merged = new HashMap<>(definitions.size() * 2);
    for (AssetDefinition definition : definitions) {
      merged.merge(definition.key(), definition, AssetGraph::merge);
    }
    List<AssetDefinition> external = new ArrayList<>();
    for (AssetDefinition node : merged.values()) {
      for (AssetKey dependency : node.dependencies()) {
        if (!merged.containsKey(dependency)) {
          external.add(
              new AssetDefinition(dependency, "external", List.of(), "", Optional.empty()));
        }
      }
    }
    external.forEach(node -> merged.putIfAbsent(node.key(), node));
    List<Map.Entry<String, AssetDefinition>> sorted = new ArrayList<>(merged.size());
    for (AssetDefinition node : merged.values()) {
      sorted.add(Map.entry(node.key().toString(), node));
    }
    sorted.sort(Map.Entry.comparingByKey());
    Map<AssetKey, AssetDefinition> ordered = new LinkedHashMap<>(merged.size() * 2);
    for (Map.Entry<String, AssetDefinition> entry : sorted) {
      ordered.put(entry.getValue().key(), entry.getValue());
    }
    return new AssetGraph(ordered);
  }

  private static AssetDefinition merge(AssetDefinition first, AssetDefinition second) {
    Set<AssetKey> dependencies = new LinkedHashSet<>(first.dependencies());
    dependencies.addAll(second.dependencies());
    return new AssetDefinition(
        first.key(),
        first.kind().equals("job") ? second.kind() : first.kind(),
        new ArrayList<>(dependencies),
        first.description().isEmpty() ? second.description() : first.description(),
        first.job().or(second::job));
  }

  /** Every asset, ordered by key. */
  public Collection<AssetDefinition> assets() {
    return nodes.values();
  }

  public int size() {
    return nodes.size();
  }

  public Optional<AssetDefinition> find(AssetKey key) {
    return Optional.ofNullable(nodes.get(key));
  }

  public AssetDefinition asset(AssetKey key) {
    return find(key)
        .orElseThrow(() -> DpException.notFound("Cannot find asset: no such asset (" + key + ")"));
  }

  public List<AssetKey> downstreamOf(AssetKey key) {
    return downstream.getOrDefault(key, List.of());
  }

  /**
   * Selects assets dbt-style: {@code key}, {@code +key} (with everything upstream), {@code key+}
   * (with everything downstream), {@code +key+}.
   */
  public Set<AssetKey> select(String selection) {
    String text = selection.trim();
    boolean up = text.startsWith("+");
    boolean down = text.endsWith("+") && text.length() > 1;
    AssetKey key = AssetKey.parse(text.substring(up ? 1 : 0, text.length() - (down ? 1 : 0)));
    asset(key);
    Set<AssetKey> selected = new LinkedHashSet<>();
    selected.add(key);
    if (up) {
      walk(key, node -> nodes.get(node).dependencies(), selected);
    }
    if (down) {
      walk(key, this::downstreamOf, selected);
    }
    return selected;
  }

  private static void walk(
      AssetKey start,
      java.util.function.Function<AssetKey, List<AssetKey>> next,
      Set<AssetKey> seen) {
    Deque<AssetKey> pending = new ArrayDeque<>(List.of(start));
    while (!pending.isEmpty()) {
      for (AssetKey neighbour : next.apply(pending.pop())) {
        if (seen.add(neighbour)) {
          pending.push(neighbour);
        }
      }
    }
  }

  /** Every asset after all its dependencies; a cycle is an error that names one of its assets. */
  public List<AssetKey> topologicalOrder() {
    Map<AssetKey, Integer> remaining = new LinkedHashMap<>();
    Deque<AssetKey> ready = new ArrayDeque<>();
    for (AssetDefinition node : nodes.values()) {
      remaining.put(node.key(), node.dependencies().size());
      if (node.dependencies().isEmpty()) {
        ready.add(node.key());
      }
    }
    List<AssetKey> order = new ArrayList<>(nodes.size());
    while (!ready.isEmpty()) {
      AssetKey key = ready.poll();
      order.add(key);
      for (AssetKey child : downstreamOf(key)) {
        if (remaining.merge(child, -1, Integer::sum) == 0) {
          ready.add(child);
        }
      }
    }
    if (order.size() < nodes.size()) {
      AssetKey stuck =
          remaining.entrySet().stream()
              .filter(e -> e.getValue() > 0)
              .findFirst()
              .orElseThrow()
              .getKey();
      throw DpException.user(
          "Cannot order assets: their dependencies form a cycle through "
              + stuck
              + " ("
              + stuck
              + ")");
    }
    return order;
  }
}
