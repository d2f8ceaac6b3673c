package io.dataplatform.transform.execute;

import static java.util.Objects.requireNonNull;

import io.dataplatform.transform.compile.Manifest;
import io.dataplatform.transform.project.Node;
import io.dataplatform.transform.project.NodeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs selected nodes along the DAG with a pool of threads: a node starts when every selected
 * parent finished; a failed node's selected descendants are skipped while independent nodes run.
 */
final class DagRunner {
  private final NodeExecutor executor;
  private final ConsoleOutput console;

  DagRunner(NodeExecutor executor, ConsoleOutput console) {
    this.executor = requireNonNull(executor, "executor");
    this.console = requireNonNull(console, "console");
  }

  List<NodeResult> run(
      Manifest manifest,
      List<Node> nodes,
      RunOptions options,
      boolean compileOnly,
      Consumer<String> log) {
    Map<String, Node> selected = new LinkedHashMap<>();
    nodes.forEach(node -> selected.put(node.uniqueId(), node));
    Map<String, Set<String>> waitsFor = dependencies(manifest, selected);
    Map<String, Set<String>> dependents = new HashMap<>();
    waitsFor.forEach(
        (id, parents) ->
            parents.forEach(
                p -> dependents.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(id)));
    Map<String, Integer> pending = new HashMap<>();
    waitsFor.forEach((id, parents) -> pending.put(id, parents.size()));
    List<NodeResult> results = new ArrayList<>();
    Set<String> blocked = new HashSet<>();
    AtomicInteger started = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            options.threads(),
            runnable -> {
              Thread thread = new Thread(runnable, "Thread-" + started.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    try {
      ExecutorCompletionService<NodeResult> completion = new ExecutorCompletionService<>(pool);
      int running = 0;
      int index = 0;
      List<String> ready = new ArrayList<>();
      for (String id : selected.keySet()) {
        if (pending.get(id) == 0) {
          ready.add(id);
        }
      }
      boolean stop = false;
      int total = selected.size();
      while (!ready.isEmpty() || running > 0) {
        while (!ready.isEmpty() && !stop) {
          String id = ready.remove(0);
          Node node = selected.get(id);
          if (blocked.contains(id)) {
            NodeResult skipped =
                new NodeResult(
                    id,
                    NodeStatus.SKIPPED,
                    "Skipped: an upstream node failed",
                    0,
                    "",
                    "",
                    Instant.now(),
                    Instant.now(),
                    "main");
            results.add(skipped);
            console.finished(++index, total, node, skipped);
            release(id, skipped, dependents, pending, blocked, ready);
            continue;
          }
          completion.submit(() -> executor.run(manifest, node, options, compileOnly, log));
          running++;
        }
        if (running == 0) {
          break;
        }
        NodeResult result = take(completion);
        running--;
        results.add(result);
        console.finished(++index, total, selected.get(result.uniqueId()), result);
        if (options.failFast() && result.status().blocksDescendants()) {
          stop = true;
          ready.clear();
        }
        release(result.uniqueId(), result, dependents, pending, blocked, ready);
      }
      if (!stop) {
        reportUnreached(selected, results, console, index, total);
      }
    } finally {
      pool.shutdownNow();
    }
    return results;
  }

  /** Nodes that never became ready (their dependencies form a cycle) fail instead of vanishing. */
  private void reportUnreached(
      Map<String, Node> selected,
      List<NodeResult> results,
      ConsoleOutput console,
      int index,
      int total) {
    Set<String> finished = new HashSet<>();
    results.forEach(result -> finished.add(result.uniqueId()));
    for (Node node : selected.values()) {
      if (!finished.contains(node.uniqueId())) {
        NodeResult error =
            new NodeResult(
                node.uniqueId(),
                NodeStatus.ERROR,
                "Cannot run "
                    + node.uniqueId()
                    + ": it waits on nodes that wait on it (a dependency cycle) ("
                    + node.originalFilePath()
                    + ")",
                0,
                "",
                "",
                Instant.now(),
                Instant.now(),
                "main");
        results.add(error);
        console.finished(++index, total, node, error);
      }
    }
  }

  private static void release(
      String id,
      NodeResult result,
      Map<String, Set<String>> dependents,
      Map<String, Integer> pending,
      Set<String> blocked,
      List<String> ready) {
    for (String child : dependents.getOrDefault(id, Set.of())) {
      if (result.status().blocksDescendants()) {
        blocked.add(child);
      }
      int left = pending.merge(child, -1, Integer::sum);
      if (left == 0) {
        ready.add(child);
      }
    }
  }

  private static NodeResult take(ExecutorCompletionService<NodeResult> completion) {
    try {
      Future<NodeResult> future = completion.take();
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Cannot finish the run: interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot run node: " + e.getCause(), e.getCause());
    }
  }

  /**
   * What each selected node waits for: its selected ancestors (through unselected nodes too), and,
   * in a build, the tests of those ancestors whose every parent is an ancestor of the node, so a
   * failing test stops what is built on its model. A test that also reads a node built beside or
   * after this one (a relationship to a sibling model) does not hold it back, as in dbt; that rule
   * is also what keeps the graph free of cycles. A unit test waits for what its model reads, and
   * the model waits for its unit tests, so a failing unit test skips the model.
   */
  private static Map<String, Set<String>> dependencies(
      Manifest manifest, Map<String, Node> selected) {
    Map<String, Set<String>> testsOf = new HashMap<>();
    for (Node node : selected.values()) {
      if (node.type() == NodeType.TEST) {
        for (String parent : manifest.parents(node.uniqueId())) {
          testsOf.computeIfAbsent(parent, k -> new LinkedHashSet<>()).add(node.uniqueId());
        }
      }
    }
    Map<String, Set<String>> unitTestsOf = new HashMap<>();
    for (Node node : selected.values()) {
      if (node.type() == NodeType.UNIT_TEST) {
        for (String model : manifest.parents(node.uniqueId())) {
          unitTestsOf.computeIfAbsent(model, k -> new LinkedHashSet<>()).add(node.uniqueId());
        }
      }
    }
    Map<String, Set<String>> waitsFor = new LinkedHashMap<>();
    for (String id : selected.keySet()) {
      // a unit test runs before its model, once what the model reads is built
      String reader =
          selected.get(id).type() == NodeType.UNIT_TEST
              ? manifest.parents(id).iterator().next()
              : id;
      Set<String> ancestors = ancestors(manifest, reader);
      Set<String> parents = new LinkedHashSet<>(unitTestsOf.getOrDefault(id, Set.of()));
      Set<String> seen = new HashSet<>();
      List<String> frontier = new ArrayList<>(manifest.parents(reader));
      while (!frontier.isEmpty()) {
        String parent = frontier.remove(frontier.size() - 1);
        if (!seen.add(parent)) {
          continue;
        }
        if (selected.containsKey(parent)) {
          parents.add(parent);
          if (selected.get(id).type() != NodeType.TEST
              && selected.get(id).type() != NodeType.UNIT_TEST) {
            for (String test : testsOf.getOrDefault(parent, Set.of())) {
              if (ancestors.containsAll(manifest.parents(test))) {
                parents.add(test);
              }
            }
          }
        } else {
          frontier.addAll(manifest.parents(parent));
        }
      }
      waitsFor.put(id, parents);
    }
    return waitsFor;
  }

  private static Set<String> ancestors(Manifest manifest, String id) {
    Set<String> ancestors = new HashSet<>();
    List<String> frontier = new ArrayList<>(manifest.parents(id));
    while (!frontier.isEmpty()) {
      String parent = frontier.remove(frontier.size() - 1);
      if (ancestors.add(parent)) {
        frontier.addAll(manifest.parents(parent));
      }
    }
    return ancestors;
  }
}
