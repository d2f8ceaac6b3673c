package io.dataplatform.orchestrator.trigger;

import static java.util.Objects.requireNonNull;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.dataplatform.api.DpException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A five-field Unix cron expression evaluated in a time zone, so {@code 0 6 * * *} in {@code
 * Europe/Paris} fires at 06:00 Paris time in summer and in winter. On the day clocks go forward, a
 * time that does not exist fires at the first instant after the gap.
 */
public final class CronSchedule {
  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private final String expression;
  private final ZoneId zone;
  private final ExecutionTime executionTime;

  private CronSchedule(String expression, ZoneId zone, ExecutionTime executionTime) {
    this.expression = expression;
    this.zone = zone;
    this.executionTime = executionTime;
  }

  public static CronSchedule parse(String expression, ZoneId zone) {
    requireNonNull(zone, "zone");
    if (expression == null || expression.isBlank()) {
      throw DpException.user("Cannot parse cron expression: it is empty (" + expression + ")");
    }
    String text = expression.trim();
    try {
      return new CronSchedule(text, zone, ExecutionTime.forCron(PARSER.parse(text)));
    } catch (IllegalArgumentException e) {
      throw DpException.user(
          "Cannot parse cron expression: " + e.getMessage() + " (" + expression + ")");
    }
  }

  /** Parses a time zone id such as {@code Europe/Paris} or {@code UTC}. */
  public static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (java.time.DateTimeException e) {
      throw DpException.user("Cannot use time zone: unknown zone id (" + id + ")");
    }
  }

  /** The first fire time strictly after {@code after}. */
  public Optional<Instant> nextAfter(Instant after) {
    return executionTime.nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant);
  }

  /** The last fire time at or before {@code atOrBefore}. */
  public Optional<Instant> lastAtOrBefore(Instant atOrBefore) {
    ZonedDateTime time = atOrBefore.atZone(zone);
    if (executionTime.isMatch(time.withNano(0)) && time.getSecond() == 0) {
      return Optional.of(time.withNano(0).toInstant());
    }
    return executionTime.lastExecution(time).map(ZonedDateTime::toInstant);
  }

  public String expression() {
    return expression;
  }

  public ZoneId zone() {
    return zone;
  }

  @Override
  public String toString() {
    return expression + " " + zone;
  }
}
