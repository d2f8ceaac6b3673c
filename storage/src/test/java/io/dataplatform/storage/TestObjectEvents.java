package io.dataplatform.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dataplatform.storage.disk.ObjectEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestObjectEvents {
  @Test
  void keepsTheNewestEventsUpToItsCapacity() {
    var events = new ObjectEvents(3);
    for (int i = 1; i <= 5; i++) {
      events.objectChanged(event("b", "k" + i));
    }
    assertEquals(
        List.of("k5", "k4", "k3"), keys(events.recent(Optional.empty(), Optional.empty(), 10)));
    assertEquals(List.of("k5"), keys(events.recent(Optional.empty(), Optional.empty(), 1)));
  }

  @Test
  void filtersByBucketAndKeyPrefix() {
    var events = new ObjectEvents();
    events.objectChanged(event("a", "raw/1"));
    events.objectChanged(event("b", "raw/2"));
    events.objectChanged(event("a", "marts/3"));
    assertEquals(
        List.of("marts/3", "raw/1"), keys(events.recent(Optional.of("a"), Optional.empty(), 10)));
    assertEquals(
        List.of("raw/2", "raw/1"), keys(events.recent(Optional.empty(), Optional.of("raw/"), 10)));
  }

  @Test
  void closedSubscriptionGetsNothingAndAFailingSubscriberHarmsNoOther() {
    var events = new ObjectEvents();
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    Subscription failing =
        events.subscribe(
            event -> {
              throw new IllegalStateException("subscriber broke");
            });
    Subscription one = events.subscribe(event -> first.add(event.key()));
    events.subscribe(event -> second.add(event.key()));
    events.objectChanged(event("b", "x"));
    one.close();
    failing.close();
    events.objectChanged(event("b", "y"));
    assertEquals(List.of("x"), first);
    assertEquals(List.of("x", "y"), second);
  }

  @Test
  void rejectsNonsensicalSizes() {
    IllegalArgumentException capacity =
        assertThrows(IllegalArgumentException.class, () -> new ObjectEvents(0));
    assertEquals(
        "Cannot keep object events: the capacity must be positive (0)", capacity.getMessage());
    IllegalArgumentException limit =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ObjectEvents().recent(Optional.empty(), Optional.empty(), -1));
    assertEquals("Cannot list object events: the limit is negative (-1)", limit.getMessage());
  }

  private static ObjectEvent event(String bucket, String key) {
    return new ObjectEvent(
        ObjectEvent.Type.CREATED, bucket, key, Optional.empty(), 1, "\"e\"", Instant.EPOCH);
  }

  private static List<String> keys(List<ObjectEvent> events) {
    return events.stream().map(ObjectEvent::key).toList();
  }
}
