package org.cordon.core.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cordon.core.place.Division;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.DivisionTree;

/**
 * Coverage of a round at one moment (see {@link SamplingRound#coverage()}): counts per home division and
 * rolled up to every enclosing division of the GB/T 2260 tree, and per grid cell. Immutable.
 *
 * <p>Counts add up: a division's counts are the sum of its children's plus those of persons whose home is
 * recorded at that division itself ({@link #homedAt}, e.g. a home known only to the street); with every
 * home at community level a division is exactly the sum of its children.
 */
public final class CoverageReport {

  private final TestingPopulation population;
  private final int[][] byHome;
  private final int[][] byCell;
  private final Map<DivisionCode, long[]> rolledUp;

  CoverageReport(TestingPopulation population, int[][] byHome, int[][] byCell) {
    this.population = population;
    this.byHome = byHome;
    this.byCell = byCell;
    this.rolledUp = new HashMap<>(population.homeCount() * 2);
    for (int h = 0; h < population.homeCount(); h++) {
      for (DivisionCode d = population.home(h); d != null; d = d.parent()) {
        long[] sum = rolledUp.computeIfAbsent(d, k -> new long[CoverageCounts.FIELDS]);
        for (int f = 0; f < CoverageCounts.FIELDS; f++) {
          sum[f] += byHome[f][h];
        }
      }
    }
  }

  /** Counts of a division at any level (all zero when nobody lives there). */
  public CoverageCounts of(DivisionCode division) {
    long[] s = rolledUp.get(division);
    return s == null ? CoverageCounts.ZERO : counts(s);
  }

  /** Counts of the persons whose recorded home is exactly {@code division} (not a division below it). */
  public CoverageCounts homedAt(DivisionCode division) {
    for (int h = 0; h < population.homeCount(); h++) {
      if (population.home(h).equals(division)) {
        return homeCounts(h);
      }
    }
    return CoverageCounts.ZERO;
  }

  /** Counts over the whole population. */
  public CoverageCounts total() {
    CoverageCounts sum = CoverageCounts.ZERO;
    for (Division p : population.tree().provinces()) {
      sum = sum.plus(of(p.code()));
    }
    return sum;
  }

  /** Every child division of {@code division} in the tree, in code order, with its counts (zeros included). */
  public List<DivisionCoverage> children(DivisionCode division) {
    DivisionTree tree = population.tree();
    List<DivisionCoverage> out = new ArrayList<>();
    for (Division c : tree.children(division)) {
      out.add(new DivisionCoverage(c.code(), c.name(), of(c.code())));
    }
    return out;
  }

  /** The divisions at {@code level} (1..5) where someone is targeted, in code order. */
  public List<DivisionCoverage> atLevel(int level) {
    List<DivisionCoverage> out = new ArrayList<>();
    for (Map.Entry<DivisionCode, long[]> e : rolledUp.entrySet()) {
      if (e.getKey().level() == level && e.getValue()[0] > 0) {
        out.add(new DivisionCoverage(e.getKey(), name(e.getKey()), counts(e.getValue())));
      }
    }
    out.sort(Comparator.comparing(DivisionCoverage::division));
    return out;
  }

  /**
   * The counts by home division (community or village, or the finest known division) under
   * {@code division}, where someone is targeted, in code order: the whole-city board by community.
   */
  public List<DivisionCoverage> byCommunity(DivisionCode division) {
    List<DivisionCoverage> out = new ArrayList<>();
    for (int h = 0; h < population.homeCount(); h++) {
      DivisionCode home = population.home(h);
      if (byHome[0][h] > 0 && division.contains(home)) {
        out.add(new DivisionCoverage(home, name(home), homeCounts(h)));
      }
    }
    return out;
  }

  /** The grid cells where someone is targeted, by row then column. */
  public List<CellCoverage> cells() {
    List<CellCoverage> out = new ArrayList<>();
    for (int c = 0; c < population.cellCount(); c++) {
      if (byCell[0][c] > 0) {
        out.add(new CellCoverage(population.cell(c), CoverageCounts.of(byCell[0][c], byCell[1][c],
            byCell[2][c], byCell[3][c], byCell[4][c])));
      }
    }
    out.sort(Comparator.comparingInt((CellCoverage x) -> x.cell().row()).thenComparingInt(x -> x.cell().col()));
    return out;
  }

  private CoverageCounts homeCounts(int h) {
    return CoverageCounts.of(byHome[0][h], byHome[1][h], byHome[2][h], byHome[3][h], byHome[4][h]);
  }

  private String name(DivisionCode code) {
    return population.tree().find(code).map(Division::name).orElse(null);
  }

  private static CoverageCounts counts(long[] s) {
    return CoverageCounts.of(s[0], s[1], s[2], s[3], s[4]);
  }
}
