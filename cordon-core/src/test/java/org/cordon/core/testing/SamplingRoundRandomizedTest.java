package org.cordon.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.cordon.core.place.Division;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.DivisionTree;
import org.cordon.core.place.GridCell;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random rounds against {@link ReferenceRound}: the same accepted and refused operations, the same state
 * for every person, the recall list equal to the brute-force join, coverage equal to brute-force counts for
 * every division of the tree, and counts that add up across division levels.
 */
class SamplingRoundRandomizedTest {

  private static final List<DivisionCode> HOMES = List.of(TestingFixture.COMMUNITY_A1X,
      TestingFixture.COMMUNITY_A1Y, TestingFixture.COMMUNITY_A2X, TestingFixture.COMMUNITY_B1X,
      TestingFixture.STREET_A2, TestingFixture.STREET_B1);   // two homes known only to the street
  private static final List<String> SITES = List.of("S1", "S2", "S3");

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void engineMatchesTheBruteForceReference(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    DivisionTree tree = TestingFixture.tree();
    int n = 30 + random.nextInt(120);
    Map<Long, DivisionCode> home = new HashMap<>();
    TestingPopulation.Builder b = new TestingPopulation.Builder(tree);
    Set<Long> couriers = new HashSet<>();
    while (home.size() < n) {
      long id = 1 + random.nextInt(1_000_000);
      if (home.containsKey(id)) {
        continue;
      }
      DivisionCode h = HOMES.get(random.nextInt(HOMES.size()));
      home.put(id, h);
      b.add(id, h, random.nextInt(4) == 0 ? null : new GridCell(100 + random.nextInt(3), 200));
      if (random.nextInt(5) == 0) {
        b.group(id, "courier");
        couriers.add(id);
      }
    }
    b.group(home.keySet().iterator().next(), "courier");
    couriers.add(home.keySet().iterator().next());
    TestingPopulation population = b.build();
    List<Long> ids = new ArrayList<>(home.keySet());
    ids.sort(Comparator.comparing((Long id) -> home.get(id).value()).thenComparing(id -> id));

    TargetPopulation target = randomTarget(random, ids);
    Map<Long, Boolean> targeted = new HashMap<>();
    for (long id : ids) {
      boolean in = couriers.contains(id) && target.groups().contains("courier")
          || Arrays.binarySearch(target.persons(), id) >= 0
          || target.divisions().stream().anyMatch(d -> d.contains(home.get(id)));
      targeted.put(id, in);
    }
    List<SamplingSite> sites = SITES.stream().map(TestingFixture::site).toList();
    Campaign campaign = new Campaign("r", "random round", CampaignKind.ZONE_SCREENING, target,
        TestingFixture.START, TestingFixture.END, 1 + random.nextInt(5), sites);
    SamplingRound round = new SamplingRound(campaign, population);
    ReferenceRound ref = new ReferenceRound(targeted, new HashSet<>(SITES));
    assertThat(round.targetedCount()).isEqualTo((int) targeted.values().stream().filter(x -> x).count());

    List<String> barcodes = new ArrayList<>();
    int ops = 200 + random.nextInt(800);
    for (int op = 0; op < ops; op++) {
      Instant at = TestingFixture.at(op);
      int kind = random.nextInt(100);
      if (kind < 12 || barcodes.isEmpty()) {
        String barcode = random.nextInt(10) == 0 && !barcodes.isEmpty()
            ? barcodes.get(random.nextInt(barcodes.size())) : "T" + op;
        String site = random.nextInt(20) == 0 ? "S9" : SITES.get(random.nextInt(SITES.size()));
        int capacity = new int[] {1, 1, 2, 3, 5}[random.nextInt(5)];
        ReferenceRound.Outcome expected = ref.open(barcode, site, capacity);
        assertThat(outcome(() -> round.openTube(barcode, site, capacity, at))).isEqualTo(expected);
        if (expected == ReferenceRound.Outcome.ACCEPTED) {
          barcodes.add(barcode);
        }
      } else if (kind < 70) {
        long person = random.nextInt(30) == 0 ? 2_000_000 : ids.get(random.nextInt(ids.size()));
        String barcode = random.nextInt(30) == 0 ? "NOPE" : barcodes.get(random.nextInt(barcodes.size()));
        String site = random.nextInt(8) == 0 || !ref.tubes.containsKey(barcode)
            ? SITES.get(random.nextInt(SITES.size())) : ref.tubes.get(barcode).site;
        ReferenceRound.Outcome expected = person == 2_000_000 ? ReferenceRound.Outcome.REFUSED
            : ref.register(person, barcode, site);
        assertThat(registerOutcome(round, person, barcode, site, at)).as("register %d %s %s", person, barcode, site)
            .isEqualTo(expected);
      } else if (kind < 80) {
        String barcode = barcodes.get(random.nextInt(barcodes.size()));
        ReferenceRound.Outcome expected = ref.close(barcode);
        assertThat(outcome(() -> {
          if (!round.closeTube(barcode, at)) {
            throw new RepeatSignal();
          }
        })).isEqualTo(expected);
      } else {
        String barcode = barcodes.get(random.nextInt(barcodes.size()));
        int r = random.nextInt(100);
        TubeResult result = r < 55 ? TubeResult.NEGATIVE : r < 85 ? TubeResult.POSITIVE : TubeResult.INVALID;
        ReferenceRound.Outcome expected = ref.result(barcode, result);
        assertThat(outcome(() -> {
          if (!round.applyResult(barcode, result, at, "lab").changed()) {
            throw new RepeatSignal();
          }
        })).as("result %s %s", barcode, result).isEqualTo(expected);
      }
    }

    for (long id : ids) {
      assertThat(round.status(id)).as("person %d", id).isEqualTo(ref.status(id));
    }
    List<List<Object>> recall = new ArrayList<>();
    for (Recall r : round.recallList()) {
      List<Object> row = new ArrayList<>();
      row.add(r.personId());
      row.add(r.tubeBarcode());
      row.add(r.retestBarcode());
      recall.add(row);
      assertThat(r.community()).isEqualTo(home.get(r.personId()));
    }
    assertThat(recall).isEqualTo(ref.recallRows(ids));

    CoverageReport coverage = round.coverage();
    for (Division d : allDivisions(tree)) {
      List<Long> inside = ids.stream().filter(id -> d.code().contains(home.get(id))).toList();
      assertThat(coverage.of(d.code())).as("coverage of %s", d.code()).isEqualTo(ref.coverage(inside));
      CoverageCounts sum = coverage.homedAt(d.code());
      for (DivisionCoverage c : coverage.children(d.code())) {
        sum = sum.plus(c.counts());
      }
      assertThat(sum).as("children of %s add up", d.code()).isEqualTo(coverage.of(d.code()));
      long[] missed = round.missed(d.code());
      assertThat(missed).containsExactly(inside.stream()
          .filter(id -> targeted.get(id) && ref.first(id) == null).mapToLong(Long::longValue).toArray());
    }
    assertThat(coverage.total()).isEqualTo(ref.coverage(ids));
    CoverageCounts cells = CoverageCounts.ZERO;
    for (CellCoverage c : coverage.cells()) {
      cells = cells.plus(c.counts());
    }
    List<Long> placed = new ArrayList<>();
    for (long id : ids) {
      if (population.cellOf(population.index(id)) >= 0) {
        placed.add(id);
      }
    }
    assertThat(cells).isEqualTo(ref.coverage(placed));
  }

  private static TargetPopulation randomTarget(SplittableRandom random, List<Long> ids) {
    Set<DivisionCode> divisions = new LinkedHashSet<>();
    Set<String> groups = new HashSet<>();
    List<Long> persons = new ArrayList<>();
    switch (random.nextInt(5)) {
      case 0 -> divisions.add(TestingFixture.CITY);
      case 1 -> divisions.add(TestingFixture.COUNTY_A);
      case 2 -> groups.add("courier");
      case 3 -> {
        for (int i = 0; i < ids.size() / 3; i++) {
          persons.add(ids.get(random.nextInt(ids.size())));
        }
      }
      default -> {
        divisions.add(TestingFixture.STREET_A2);
        divisions.add(TestingFixture.COMMUNITY_B1X);
        groups.add("courier");
        persons.add(ids.get(0));
      }
    }
    return new TargetPopulation(divisions, groups, persons.stream().mapToLong(Long::longValue).toArray());
  }

  private static List<Division> allDivisions(DivisionTree tree) {
    List<Division> out = new ArrayList<>();
    for (int level = 1; level <= 5; level++) {
      out.addAll(tree.descendantsAtLevel(TestingFixture.PROVINCE, level));
    }
    return out;
  }

  private static ReferenceRound.Outcome registerOutcome(SamplingRound round, long person, String barcode,
      String site, Instant at) {
    try {
      return round.register(person, barcode, site, at) ? ReferenceRound.Outcome.ACCEPTED
          : ReferenceRound.Outcome.REPEAT;
    } catch (TestingInputException e) {
      return ReferenceRound.Outcome.REFUSED;
    }
  }

  private static ReferenceRound.Outcome outcome(Runnable action) {
    try {
      action.run();
      return ReferenceRound.Outcome.ACCEPTED;
    } catch (RepeatSignal e) {
      return ReferenceRound.Outcome.REPEAT;
    } catch (TestingInputException e) {
      return ReferenceRound.Outcome.REFUSED;
    }
  }

  private static final class RepeatSignal extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }
}
