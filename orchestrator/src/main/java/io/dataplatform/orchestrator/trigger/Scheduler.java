package io.dataplatform.orchestrator.trigger;

import static java.util.Objects.requireNonNull;

import io.dataplatform.orchestrator.asset.PartitionDefinition;
import io.dataplatform.orchestrator.job.JobCatalog;
import io.dataplatform.orchestrator.job.JobDefinition;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fires cron schedules. Each schedule's cursor (the last tick it fired or skipped) is kept in the
 * metastore; a tick missed while the server was down fires once, as the latest missed tick. A
 * schedule seen for the first time starts from now. A tick enqueues its run once, even with several
 * servers, through the run's dedupe key {@code schedule:<job>:<tick>}.
 */
public final class Scheduler {
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:00");

  private final JobCatalog jobs;
  private final TriggerStateRepository states;
  private final RunSubmitter submitter;
  private final Map<String, Instant> cursors = new ConcurrentHashMap<>();

  public Scheduler(JobCatalog jobs, TriggerStateRepository states, RunSubmitter submitter) {
    this.jobs = requireNonNull(jobs, "jobs");
    this.states = requireNonNull(states, "states");
    this.submitter = requireNonNull(submitter, "submitter");
  }

  public static String stateName(String job) {
    return "schedule:" + job;
  }

  /** Fires every enabled schedule due at {@code now}; returns how many runs were enqueued. */
  public int tick(Instant now) {
    Map<String, Boolean> enabled = states.enabledStates();
    int fired = 0;
    for (JobDefinition job : jobs.jobs()) {
      if (job.schedule().isEmpty()) {
        continue;
      }
      String name = stateName(job.name());
      if (!enabled.getOrDefault(name, true)) {
        continue;
      }
      Instant cursor = cursors.computeIfAbsent(name, key -> loadCursor(key, now));
      CronSchedule schedule = job.schedule().get();
      Optional<Instant> next = schedule.nextAfter(cursor);
      if (next.isEmpty() || next.get().isAfter(now)) {
        continue;
      }
      Instant tick = schedule.lastAtOrBefore(now).orElse(next.get());
      submitter.submit(
          job,
          partitionFor(job, tick, schedule),
          "schedule",
          schedule.expression() + " " + schedule.zone() + " at " + tick,
          name + ":" + tick);
      cursors.put(name, tick);
      states.setCursor(name, tick.toString());
      fired++;
    }
    return fired;
  }

  private Instant loadCursor(String name, Instant now) {
    Optional<String> stored = states.cursor(name);
    if (stored.isPresent()) {
      return Instant.parse(stored.get());
    }
    states.setCursor(name, now.toString());
    return now;
  }

  /** Starts a schedule afresh from {@code now} (when it is enabled again), skipping old ticks. */
  public void restartFrom(String job, Instant now) {
    String name = stateName(job);
    states.setCursor(name, now.toString());
    cursors.put(name, now);
  }

  /** The next fire time of a job's schedule, for display. */
  public Optional<Instant> nextTick(JobDefinition job, Instant now) {
    return job.schedule().flatMap(schedule -> schedule.nextAfter(now));
  }

  /**
   * A scheduled run of a time-partitioned job processes the partition that just ended: the day (or
   * hour) before the tick, in the schedule's time zone.
   */
  static Optional<String> partitionFor(JobDefinition job, Instant tick, CronSchedule schedule) {
    if (job.partitions().isEmpty()) {
      return Optional.empty();
    }
    ZonedDateTime local = tick.atZone(schedule.zone());
    PartitionDefinition partitions = job.partitions().get();
    if (partitions instanceof PartitionDefinition.Daily) {
      return Optional.of(local.toLocalDate().minusDays(1).toString());
    }
    if (partitions instanceof PartitionDefinition.Hourly) {
      return Optional.of(HOUR.format(local.minusHours(1)));
    }
    return Optional.empty();
  }
}
