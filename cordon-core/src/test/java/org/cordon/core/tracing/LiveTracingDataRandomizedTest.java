package org.cordon.core.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.cordon.core.place.ContactClass;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.Venue;
import org.cordon.core.place.VenueKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Live data after appends against data built in full from the same input: random small cities whose
 * persons, venues and events arrive in random uploads (new persons and venues among them, events of
 * every kind, uploads large enough to compact the tails), traced after every upload.
 */
class LiveTracingDataRandomizedTest {
  private static final int[] DURATION_MINUTES = {1, 5, 10, 11, 30, 60, 240, 1500};

  static Stream<Long> seeds() {
    return IntStream.rangeClosed(1, 100).mapToObj(i -> (long) i);
  }

  /** One thing given to a builder; the same list feeds the live data and every full build. */
  private interface Input {
    void toBuilder(TracingDataBuilder b);

    void toLive(LiveTracingData live);
  }

  private record PersonIn(long id, long household) implements Input {
    public void toBuilder(TracingDataBuilder b) {
      b.person(id, household);
    }

    public void toLive(LiveTracingData live) {
      live.person(id, household);
    }
  }

  private record VenueIn(Venue venue) implements Input {
    public void toBuilder(TracingDataBuilder b) {
      b.venue(venue);
    }

    public void toLive(LiveTracingData live) {
      live.venue(venue);
    }
  }

  private record EventIn(int kind, long person, String place, int seat, long start, long end)
      implements Input {
    public void toBuilder(TracingDataBuilder b) {
      switch (kind) {
        case 0 -> b.appendScan(person, place, start, end);
        case 1 -> b.appendRide(person, place, seat, start, end);
        default -> b.appendDwell(person, place, start, end);
      }
    }

    public void toLive(LiveTracingData live) {
      switch (kind) {
        case 0 -> live.appendScan(person, place, start, end);
        case 1 -> live.appendRide(person, place, seat, start, end);
        default -> live.appendDwell(person, place, start, end);
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void tracesAfterAppendsEqualTracesOverAFullBuild(long seed) {
    Random random = new Random(seed);
    List<Input> inputs = city(random);
    int baseSize = random.nextInt(inputs.size() / 2 + 1);
    TracingDataBuilder first = new TracingDataBuilder();
    inputs.subList(0, baseSize).forEach(i -> i.toBuilder(first));
    LiveTracingData live = first.buildLive(1 + random.nextInt(60));
    int at = baseSize;
    while (at < inputs.size()) {
      int upload = Math.min(inputs.size() - at, 1 + random.nextInt(random.nextBoolean() ? 5 : 120));
      inputs.subList(at, at + upload).forEach(i -> i.toLive(live));
      at += upload;
      TracingData appended = live.publish();
      TracingDataBuilder full = new TracingDataBuilder();
      inputs.subList(0, at).forEach(i -> i.toBuilder(full));
      TracingData rebuilt = full.build();

      assertThat(appended.events()).isEqualTo(rebuilt.events());
      assertThat(appended.latestEvent()).isEqualTo(rebuilt.latestEvent());
      List<Long> persons = inputs.subList(0, at).stream().filter(PersonIn.class::isInstance)
          .map(i -> ((PersonIn) i).id()).toList();
      for (int round = 0; round < 3; round++) {
        List<TracingCase> cases = cases(random, persons);
        Instant asOf = TracingFixture.at(3 * 86_400 + random.nextInt(86_400));
        TracingPolicy policy = random.nextBoolean() ? TracingPolicy.defaults()
            : new TracingPolicy(random.nextInt(3), random.nextInt(4), 1 + random.nextInt(3),
                random.nextInt(5), 1 + random.nextInt(15), random.nextBoolean(), 1 + random.nextInt(8));
        ContactTracingEngine engine = new ContactTracingEngine(policy);
        assertThat(engine.trace(appended, cases, asOf))
            .as("seed %d after %d inputs", seed, at)
            .containsExactlyElementsOf(engine.trace(rebuilt, cases, asOf));
      }
    }
  }

  @Test
  void aBadAppendAddsNothingAndTheDataGoesOn() {
    TracingDataBuilder b = new TracingDataBuilder();
    b.person(1, 1);
    LiveTracingData live = b.buildLive(10);
    assertThatThrownBy(() -> live.appendDwell(2, "C1", 0, 60)).hasMessageContaining("unknown person 2");
    assertThatThrownBy(() -> live.appendScan(1, "V9", 0, -1)).hasMessageContaining("unknown venue V9");
    assertThatThrownBy(() -> live.person(1, 1)).hasMessageContaining("given twice");
    live.appendDwell(1, "C1", 1_700_000_000L, 1_700_000_060L);

    assertThat(live.current().events()).isZero();
    assertThat(live.publish().events()).isEqualTo(1);
  }

  /**
   * Forbidden outcome: a reader sees part of an upload. The writer appends uploads of exactly
   * {@code UPLOAD} dwells (with a new person each) and publishes after each; readers must only ever see
   * whole uploads, with every person of a visible event known.
   */
  @Test
  void readersNeverSeeHalfAnUpload() throws Exception {
    final int upload = 7;
    TracingDataBuilder b = new TracingDataBuilder();
    LiveTracingData live = b.buildLive(50);
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<String> violation = new AtomicReference<>();
    Consumer<TracingData> check = d -> {
      if (d.events() % upload != 0 || d.households().persons() != d.events() / upload) {
        violation.compareAndSet(null, d.events() + " events, " + d.households().persons() + " persons");
      }
    };
    Thread reader = new Thread(() -> {
      while (!done.get()) {
        check.accept(live.current());
      }
    });
    reader.start();
    long t = 1_700_000_000L;
    for (int u = 1; u <= 2_000; u++) {
      live.person(u, u);
      for (int e = 0; e < upload; e++) {
        live.appendDwell(u, "C" + (u % 13), t + 60L * e, t + 60L * e + 600);
      }
      live.publish();
    }
    done.set(true);
    reader.join();
    check.accept(live.current());
    assertThat(violation.get()).isNull();
    assertThat(live.current().events()).isEqualTo(2_000L * upload);
  }

  private static List<Input> city(Random random) {
    List<Input> inputs = new ArrayList<>();
    List<Long> persons = new ArrayList<>();
    List<String> venues = new ArrayList<>();
    long household = 900;
    int steps = 50 + random.nextInt(600);
    int grid = new int[] {1, 60, 300}[random.nextInt(3)];
    for (int i = 0; i < steps; i++) {
      int what = random.nextInt(20);
      if (persons.isEmpty() || what == 0) {
        if (persons.isEmpty() || random.nextInt(3) == 0) {
          household += 1 + random.nextInt(5);
        }
        long id = 10_000 + 7L * persons.size();
        persons.add(id);
        inputs.add(new PersonIn(id, household));
      } else if (venues.isEmpty() || what == 1) {
        String id = "V" + venues.size();
        venues.add(id);
        inputs.add(new VenueIn(new Venue(id, "venue " + id, VenueKind.values()[0],
            DivisionCode.of("140105"), null, DURATION_MINUTES[random.nextInt(DURATION_MINUTES.length - 1)],
            random.nextBoolean() ? ContactClass.CLOSE : ContactClass.KEY)));
      } else {
        long person = persons.get(random.nextInt(persons.size()));
        long start = TracingFixture.BASE.getEpochSecond()
            + (long) random.nextInt(3 * 86_400 / grid) * grid;
        long end = start + 60L * DURATION_MINUTES[random.nextInt(DURATION_MINUTES.length)];
        int kind = random.nextInt(3);
        String place = switch (kind) {
          case 0 -> venues.get(random.nextInt(venues.size()));
          case 1 -> "T" + random.nextInt(3);
          default -> "C" + random.nextInt(3);
        };
        inputs.add(new EventIn(kind, person, place, kind == 1 ? random.nextInt(6) : 0, start,
            kind == 0 && random.nextBoolean() ? -1 : end));
      }
    }
    return inputs;
  }

  private static List<TracingCase> cases(Random random, List<Long> persons) {
    List<TracingCase> cases = new ArrayList<>();
    int count = persons.isEmpty() ? 0 : 1 + random.nextInt(Math.min(3, persons.size()));
    while (cases.size() < count) {
      long p = persons.get(random.nextInt(persons.size()));
      if (cases.stream().noneMatch(c -> c.personId() == p)) {
        cases.add(new TracingCase(p, TracingFixture.at(random.nextInt(3 * 86_400)), null));
      }
    }
    return cases;
  }
}
