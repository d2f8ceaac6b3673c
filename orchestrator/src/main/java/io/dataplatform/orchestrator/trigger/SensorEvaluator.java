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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Evaluates sensors on each tick. New-object sensors collect matching objects between ticks (in
 * memory: objects written while no server runs are not seen); asset sensors follow the
 * materialization table with a cursor kept in the metastore; freshness sensors compare the last
 * materialization with the allowed lag and fire at most once per lag period.
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
  private final AutoCloseable subscription;

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
    Queue<ObjectEventSource.NewObject> queue = newObjects.get(sensor.name());
    List<ObjectEventSource.NewObject> seen = new ArrayList<>();
    for (ObjectEventSource.NewObject object; queue != null && (object = queue.poll()) != null; ) {
      seen.add(object);
    }
    if (seen.isEmpty()) {
      return false;
    }
    ObjectEventSource.NewObject last = seen.get(seen.size() - 1);
    String detail =
        seen.size()
            + " new objects in "
            + sensor.bucket()
            + "/"
            + sensor.prefix()
            + ", last "
            + last.key();
    return submitter
        .submit(
            job,
            Optional.empty(),
            "sensor",
            detail,
            stateName(sensor.name()) + ":" + now + ":" + last.key())
        .isPresent();
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
