package io.dataplatform.orchestrator.asset;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * How a job's data is split: one partition per day ({@code 2024-01-31}), per hour ({@code
 * 2024-01-31T05:00}) or a fixed list of keys. Keys sort in partition order.
 */
public sealed interface PartitionDefinition {
  /** The keys from {@code from} to {@code to}, both included, in order. */
  List<String> range(String from, String to);

  /** Throws a user error when {@code key} is not a partition of this definition. */
  void check(String key);

  /** One partition per calendar day from {@code start} on. */
  record Daily(LocalDate start) implements PartitionDefinition {
    public Daily {
      requireNonNull(start, "start");
    }

    @Override
    public List<String> range(String from, String to) {
      LocalDate first = parse(from);
      LocalDate last = parse(to);
      checkOrder(from, to, first.isAfter(last));
      List<String> keys = new ArrayList<>((int) ChronoUnit.DAYS.between(first, last) + 1);
      for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
        keys.add(day.toString());
      }
      return keys;
    }

    @Override
    public void check(String key) {
      parse(key);
    }

    private LocalDate parse(String key) {
      LocalDate day;
      try {
        day = LocalDate.parse(key);
      } catch (DateTimeParseException | NullPointerException e) {
        throw DpException.user(
            "Cannot use partition: a daily partition is written YYYY-MM-DD (" + key + ")");
      }
      if (day.isBefore(start)) {
        throw DpException.user(
            "Cannot use partition: it is before the first partition " + start + " (" + key + ")");
      }
      return day;
    }
  }

  /** One partition per hour from {@code start} on, keys like {@code 2024-01-31T05:00}. */
  record Hourly(LocalDateTime start) implements PartitionDefinition {
    private static final DateTimeFormatter KEY = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    public Hourly {
      requireNonNull(start, "start");
      start = start.truncatedTo(ChronoUnit.HOURS);
    }

    @Override
    public List<String> range(String from, String to) {
      LocalDateTime first = parse(from);
      LocalDateTime last = parse(to);
      checkOrder(from, to, first.isAfter(last));
      List<String> keys = new ArrayList<>();
      for (LocalDateTime hour = first; !hour.isAfter(last); hour = hour.plusHours(1)) {
        keys.add(KEY.format(hour));
      }
      return keys;
    }

    @Override
    public void check(String key) {
      parse(key);
    }

    private LocalDateTime parse(String key) {
      LocalDateTime hour;
      try {
        hour = LocalDateTime.parse(key, KEY);
      } catch (DateTimeParseException | NullPointerException e) {
        throw DpException.user(
            "Cannot use partition: an hourly partition is written YYYY-MM-DDTHH:00 (" + key + ")");
      }
      if (hour.getMinute() != 0) {
        throw DpException.user(
            "Cannot use partition: an hourly partition starts on the hour (" + key + ")");
      }
      if (hour.isBefore(start)) {
        throw DpException.user(
            "Cannot use partition: it is before the first partition "
                + KEY.format(start)
                + " ("
                + key
                + ")");
      }
      return hour;
    }
  }

  /** A fixed list of partition keys, in the order given. */
  record Static(List<String> keys) implements PartitionDefinition {
    public Static {
      keys = List.copyOf(keys);
      if (keys.isEmpty()) {
        throw DpException.user("Cannot define static partitions: the list is empty ()");
      }
      if (keys.stream().distinct().count() != keys.size()) {
        throw DpException.user("Cannot define static partitions: a key repeats (" + keys + ")");
      }
    }

    @Override
    public List<String> range(String from, String to) {
      int first = index(from);
      int last = index(to);
      checkOrder(from, to, first > last);
      return keys.subList(first, last + 1);
    }

    @Override
    public void check(String key) {
      index(key);
    }

    private int index(String key) {
      int index = keys.indexOf(key);
      if (index < 0) {
        throw DpException.user(
            "Cannot use partition: the known partitions are " + keys + " (" + key + ")");
      }
      return index;
    }
  }

  private static void checkOrder(String from, String to, boolean reversed) {
    if (reversed) {
      throw DpException.user(
          "Cannot plan partition range: the start is after the end (" + from + ", " + to + ")");
    }
  }
}
