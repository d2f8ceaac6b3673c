package io.dataplatform.orchestrator.trigger;

import static java.util.Objects.requireNonNull;

import io.dataplatform.orchestrator.asset.Materialization;
import io.dataplatform.orchestrator.asset.MaterializationRepository;
import io.dataplatform.orchestrator.job.Durations;
import io.dataplatform.orchestrator.job.JobCatalog;
import io.dataplatform.orchestrator.job.JobDefinition;
import io.dataplatform.orchestrator.run.RunRepository;
import io.dataplatform.orchestrator.run.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/**
 * Evaluates sensors on each tick. New-object sensors collect matching objects between ticks and
 * keep a cursor (the newest object they fired for) in the metastore; after a restart they first
 * list their prefix for objects newer than the cursor, so an object whose event was not acted on
 * before a crash still starts its run, once. Asset sensors follow the materialization table with a
 * cursor kept in the metastore; freshness sensors compare the last materialization with the allowed
 * lag and fire at most once per lag period.
 */
public final class SensorEvaluator implements AutoCloseable {
  private static final int MATERIALIZATION_BATCH = 1000;

  private final JobCatalog jobs;
  private final TriggerStateRepository states;
  private final MaterializationRepository materializations;
  private final RunRepository runs;
  private final RunSubmitter submitter;
  private final Map<String, Queue<ObjectEventSource.NewObject>> newObjects =
      new ConcurrentHashMap<>();
  private final ObjectEventSource objects;
  private final AutoCloseable subscription;
  private final Set<String> caughtUp = ConcurrentHashMap.newKeySet();
  private final Set<String> paused = ConcurrentHashMap.newKeySet();

  public SensorEvaluator(
      JobCatalog jobs,
      TriggerStateRepository states,
      MaterializationRepository materializations,
      RunRepository runs,
      RunSubmitter submitter,
      ObjectEventSource objects) {
    this.jobs = requireNonNull(jobs, "jobs");
    this.states = requireNonNull(states, "states");
    this.materializations = requireNonNull(materializations, "materializations");
    this.runs = requireNonNull(runs, "runs");
    this.submitter = requireNonNull(submitter, "submitter");
    this.objects = requireNonNull(objects, "objects");
    this.subscription = objects.subscribe(this::objectCreated);
  }

  public static String stateName(String sensor) {
    return "sensor:" + sensor;
  }

  private void objectCreated(ObjectEventSource.NewObject object) {
    for (JobDefinition job : jobs.jobs()) {
      for (SensorDefinition sensor : job.sensors()) {
        if (sensor instanceof SensorDefinition.NewObject watch
            && watch.bucket().equals(object.bucket())
            && object.key().startsWith(watch.prefix())) {
          newObjects
              .computeIfAbsent(watch.name(), name -> new ConcurrentLinkedQueue<>())
              .add(object);
        }
      }
    }
  }

  /** Evaluates every enabled sensor; returns how many runs were enqueued. */
  public int tick(Instant now) {
    Map<String, Boolean> enabled = states.enabledStates();
    int fired = 0;
    for (JobDefinition job : jobs.jobs()) {
      for (SensorDefinition sensor : job.sensors()) {
        if (!enabled.getOrDefault(stateName(sensor.name()), true)) {
          newObjects.remove(sensor.name());
          paused.add(sensor.name());
          continue;
        }
        boolean submitted;
        if (sensor instanceof SensorDefinition.NewObject watch) {
          submitted = newObject(job, watch, now);
        } else if (sensor instanceof SensorDefinition.AssetMaterialized watch) {
          submitted = materialized(job, watch);
        } else {
          submitted = freshness(job, (SensorDefinition.Freshness) sensor, now);
        }
        fired += submitted ? 1 : 0;
      }
    }
    return fired;
  }

  private boolean newObject(JobDefinition job, SensorDefinition.NewObject sensor, Instant now) {
    String state = stateName(sensor.name());
    List<ObjectEventSource.NewObject> seen = new ArrayList<>();
    Queue<ObjectEventSource.NewObject> queue = newObjects.get(sensor.name());
    for (ObjectEventSource.NewObject object; queue != null && (object = queue.poll()) != null; ) {
      seen.add(object);
    }
    Optional<ObjectCursor> stored = states.cursor(state).map(ObjectCursor::parse);
    ObjectCursor cursor;
    if (stored.isEmpty() || paused.remove(sensor.name())) {
      // first evaluation, or enabled again: objects written from now on start runs
      cursor = ObjectCursor.at(now);
      states.setCursor(state, cursor.text());
      caughtUp.add(sensor.name());
    } else {
      cursor = stored.get();
      if (caughtUp.add(sensor.name())) {
        // objects delivered live are new whatever their time; listed ones if past the cursor
        for (ObjectEventSource.NewObject object :
            objects.existing(sensor.bucket(), sensor.prefix())) {
          if (cursor.isBefore(object)) {
            seen.add(object);
          }
        }
      }
    }
    List<ObjectEventSource.NewObject> news =
        seen.stream()
            .filter(object -> object.key().startsWith(sensor.prefix()))
            .collect(
                Collectors.toMap(ObjectCursor::of, object -> object, (a, b) -> a, TreeMap::new))
            .values()
            .stream()
            .toList();
    if (news.isEmpty()) {
      return false;
    }
    ObjectEventSource.NewObject last = news.get(news.size() - 1);
    ObjectCursor lastCursor = ObjectCursor.of(last);
    String detail =
        news.size()
            + " new objects in "
            + sensor.bucket()
            + "/"
            + sensor.prefix()
            + ", last "
            + last.key();
    // the same objects give the same key, so a run enqueued before a crash is not enqueued twice
    boolean submitted =
        submitter
            .submit(job, Optional.empty(), "sensor", detail, state + ":" + lastCursor.text())
            .isPresent();
    if (cursor.compareTo(lastCursor) < 0) {
      states.setCursor(state, lastCursor.text());
    }
    return submitted;
  }

  /** A position in the order of object changes: time (milliseconds), then key. */
  private record ObjectCursor(long millis, String key) implements Comparable<ObjectCursor> {
    static ObjectCursor of(ObjectEventSource.NewObject object) {
      return new ObjectCursor(object.time().toEpochMilli(), object.key());
    }

    static ObjectCursor at(Instant time) {
      return new ObjectCursor(time.toEpochMilli(), "");
    }

    static ObjectCursor parse(String text) {
      int slash = text.indexOf('/');
      return new ObjectCursor(Long.parseLong(text.substring(0, slash)), text.substring(slash + 1));
    }

    String text() {
      return millis + "/" + key;
    }

    boolean isBefore(ObjectEventSource.NewObject object) {
      return compareTo(of(object)) < 0;
    }

    @Override
    public int compareTo(ObjectCursor other) {
      int byTime = Long.compare(millis, other.millis);
      return byTime != 0 ? byTime : key.compareTo(other.key);
    }
  }

  private boolean materialized(JobDefinition job, SensorDefinition.AssetMaterialized sensor) {
    String state = stateName(sensor.name());
    Optional<String> cursor = states.cursor(state);
    if (cursor.isEmpty()) {
      states.setCursor(state, Long.toString(materializations.lastId()));
      return false;
    }
    long after = Long.parseLong(cursor.get());
    List<Materialization> news = materializations.after(after, MATERIALIZATION_BATCH);
    if (news.isEmpty()) {
      return false;
    }
    long last = news.get(news.size() - 1).id();
    Optional<Materialization> trigger =
        news.stream().filter(m -> sensor.assets().contains(m.asset())).reduce((a, b) -> b);
    states.setCursor(state, Long.toString(last));
    if (trigger.isEmpty()) {
      return false;
    }
    String detail = trigger.get().asset() + " materialized by run " + trigger.get().runId();
    return submitter
        .submit(job, trigger.get().partition(), "sensor", detail, state + ":" + last)
        .isPresent();
  }

  private boolean freshness(JobDefinition job, SensorDefinition.Freshness sensor, Instant now) {
    Optional<Materialization> last = materializations.latest(sensor.asset());
    if (last.isPresent() && !last.get().time().isBefore(now.minus(sensor.maxLag()))) {
      return false;
    }
    boolean pending =
        !runs.list(Optional.of(job.name()), Optional.of(RunStatus.QUEUED), 1).isEmpty()
            || !runs.list(Optional.of(job.name()), Optional.of(RunStatus.RUNNING), 1).isEmpty();
    if (pending) {
      return false;
    }
    long period = now.toEpochMilli() / Math.max(1, sensor.maxLag().toMillis());
    String detail =
        sensor.asset()
            + (last.isEmpty()
                ? " was never materialized"
                : " is older than " + Durations.format(sensor.maxLag()));
    return submitter
        .submit(job, Optional.empty(), "sensor", detail, stateName(sensor.name()) + ":" + period)
        .isPresent();
  }

  @Override
  public void close() {
    try {
      subscription.close();
    } catch (Exception e) {
      // the source is going away with the server; nothing is left to deliver
    }
  }
}
