package org.cordon.core.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.cordon.core.place.ContactClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine against the brute-force reference on many random small cities: few persons, venues,
 * trips and cells over three days, so that people meet often; times on coarse grids so that
 * touching intervals and overlaps of exactly the policy's minimum occur; windows and partitions cut
 * across midnights.
 */
class ContactTracingRandomizedTest {
  private static final int[] DURATION_MINUTES = {1, 2, 5, 9, 10, 11, 30, 60, 90, 240, 600, 1500};

  static Stream<Long> seeds() {
    return IntStream.rangeClosed(1, 400).mapToObj(i -> (long) i);
  }

  /** One random city with its cases, as-of time and policy. */
  record Scenario(TracingFixture city, List<TracingCase> cases, Instant asOf, TracingPolicy policy) {
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void listsWhatTheBruteForceReferenceLists(long seed) {
    Scenario s = scenario(seed);

    List<TracedContact> expected = s.city().reference(s.policy(), s.cases(), s.asOf());
    List<TracedContact> actual = s.city().engine(s.policy(), s.cases(), s.asOf(), 1 + (int) (seed % 4));

    assertThat(actual).containsExactlyElementsOf(expected);
  }

  /**
   * One engine per policy over all the cities, larger and smaller one after another: the scratch
   * tables it keeps between traces must carry nothing over.
   */
  @Test
  void anEngineThatTracedOtherCitiesListsTheSame() {
    Map<TracingPolicy, ContactTracingEngine> engines = new java.util.HashMap<>();
    for (long seed = 1; seed <= 400; seed++) {
      Scenario s = scenario(seed);
      ContactTracingEngine engine = engines.computeIfAbsent(s.policy(),
          p -> new ContactTracingEngine(p, 2));
      assertThat(s.city().engine(engine, s.cases(), s.asOf()))
          .as("seed %d", seed).containsExactlyElementsOf(
              s.city().reference(s.policy(), s.cases(), s.asOf()));
    }
    assertThat(engines.size()).isLessThan(300); // the default policy's engine traced many cities
  }

  @Test
  void randomCitiesReachEveryCategoryAndTrack() {
    Map<ContactCategory, Integer> categories = new EnumMap<>(ContactCategory.class);
    Map<ContactTrack, Integer> tracks = new EnumMap<>(ContactTrack.class);
    int empty = 0;
    for (long seed = 1; seed <= 400; seed++) {
      Scenario s = scenario(seed);
      List<TracedContact> listed = s.city().reference(s.policy(), s.cases(), s.asOf());
      empty += listed.isEmpty() ? 1 : 0;
      for (TracedContact c : listed) {
        categories.merge(c.category(), 1, Integer::sum);
        tracks.merge(c.track(), 1, Integer::sum);
      }
    }
    assertThat(categories).hasSize(4).allSatisfy((c, n) -> assertThat(n).isGreaterThan(100));
    assertThat(tracks).hasSize(4).allSatisfy((t, n) -> assertThat(n).isGreaterThan(100));
    assertThat(empty).isLessThan(200);
  }

  static Scenario scenario(long seed) {
    Random random = new Random(seed);
    TracingFixture city = new TracingFixture();
    int persons = 5 + random.nextInt(40);
    long household = 900;
    List<long[]> residents = new ArrayList<>();
    for (int i = 0; i < persons; i++) {
      if (i == 0 || random.nextInt(3) == 0) {
        household += 1 + random.nextInt(5);
      }
      residents.add(new long[] {personId(i), household});
    }
    // persons known in id order let the listing sort by dense id; in any other order it sorts by id
    if (random.nextBoolean()) {
      java.util.Collections.shuffle(residents, random);
    }
    residents.forEach(r -> city.person(r[0], r[1]));
    int venues = 1 + random.nextInt(6);
    for (int v = 0; v < venues; v++) {
      city.venue("V" + v, DURATION_MINUTES[random.nextInt(DURATION_MINUTES.length - 1)],
          random.nextBoolean() ? ContactClass.CLOSE : ContactClass.KEY);
    }
    int trips = 1 + random.nextInt(4);
    int cells = 1 + random.nextInt(4);
    int grid = new int[] {1, 30, 60, 300}[random.nextInt(4)];
    int events = random.nextInt(25 * persons);
    for (int e = 0; e < events; e++) {
      long person = personId(random.nextInt(persons));
      long start = (long) random.nextInt(3 * 86_400 / grid) * grid;
      long length = random.nextInt(4) == 0 ? (1 + random.nextInt(1200 / grid)) * grid
          : 60L * DURATION_MINUTES[random.nextInt(DURATION_MINUTES.length)];
      switch (random.nextInt(3)) {
        case 0 -> city.scan(person, "V" + random.nextInt(venues), TracingFixture.at(start),
            random.nextBoolean() ? null : TracingFixture.at(start + length));
        case 1 -> city.ride(person, "T" + random.nextInt(trips),
            random.nextInt(4) == 0 ? null : 1 + random.nextInt(12), TracingFixture.at(start),
            TracingFixture.at(start + length));
        default -> city.dwell(person, "C" + random.nextInt(cells), TracingFixture.at(start),
            TracingFixture.at(start + length));
      }
    }
    List<TracingCase> cases = new ArrayList<>();
    int caseCount = 1 + random.nextInt(Math.min(4, persons));
    List<Integer> chosen = new ArrayList<>();
    while (chosen.size() < caseCount) {
      int p = random.nextInt(persons);
      if (!chosen.contains(p)) {
        chosen.add(p);
        long onset = (long) random.nextInt(4 * 86_400 / grid) * grid;
        Instant isolated = random.nextBoolean() ? null
            : TracingFixture.at(onset - 86_400 + (long) random.nextInt(3 * 86_400 / grid) * grid);
        cases.add(new TracingCase(personId(p), TracingFixture.at(onset), isolated));
      }
    }
    Instant asOf = random.nextInt(3) == 0
        ? TracingFixture.at((long) random.nextInt(4 * 86_400 / grid) * grid)
        : TracingFixture.at(3 * 86_400 + 1_500 * 60);
    TracingPolicy policy = random.nextInt(3) == 0 ? TracingPolicy.defaults()
        : new TracingPolicy(random.nextInt(3), random.nextInt(4), 1 + random.nextInt(3),
            random.nextInt(5), 1 + random.nextInt(15), random.nextBoolean(), 1 + random.nextInt(8));
    return new Scenario(city, cases, asOf, policy);
  }

  private static long personId(int i) {
    return 10_000 + 7L * i;
  }
}
