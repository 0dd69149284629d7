package org.cordon.core.place;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GridCellTest {

  private static final double A = 6_378_137.0;
  private static final double E2 = (1 / 298.257223563) * (2 - 1 / 298.257223563);

  /** Ground distance between two nearby points from the ellipsoid's local radii (independent of the grid). */
  private static double metres(GeoPoint p, GeoPoint q) {
    double phi = Math.toRadians((p.lat() + q.lat()) / 2);
    double w = 1 - E2 * Math.sin(phi) * Math.sin(phi);
    double meridional = A * (1 - E2) / Math.pow(w, 1.5);
    double normal = A / Math.sqrt(w);
    double north = meridional * Math.toRadians(q.lat() - p.lat());
    double east = normal * Math.cos(phi) * Math.toRadians(q.lon() - p.lon());
    return Math.hypot(north, east);
  }

  @Test
  void idsRoundTrip() {
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 10_000; i++) {
      GridCell c = new GridCell(random.nextInt(-20_000, 20_000), random.nextInt(-20_000, 20_000));
      assertThat(GridCell.parse(c.id())).isEqualTo(c);
    }
    assertThat(new GridCell(5104, 7064).id()).isEqualTo("G5104_7064");
    assertThat(GridCell.parse("G-3_-12")).isEqualTo(new GridCell(-3, -12));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "G", "G1", "G1_", "G_1", "X1_2", "g1_2", "G1_2x", "G1__2", "G1_-", "G 1_2",
      "G1234567890_1"})
  void rejectsAMalformedId(String id) {
    assertThatThrownBy(() -> GridCell.parse(id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("grid cell id must look like G{row}_{col} with integer row and column (e.g. G5104_7064), got '"
            + id + "'");
  }

  @Test
  void aPointFallsInTheCellWhoseCentreItIsNear() {
    assertThat(GridCell.of(new GeoPoint(37.87, 112.55)).id()).isEqualTo("G5104_7064");
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < 20_000; i++) {
      GeoPoint p = new GeoPoint(18 + random.nextDouble() * 36, 73 + random.nextDouble() * 62);
      GridCell c = GridCell.of(p);
      assertThat(GridCell.of(c.centre())).isEqualTo(c);
      // no point of a cell is farther from its centre than half the diagonal, stretched by at most 4.3 %
      assertThat(metres(p, c.centre())).isLessThanOrEqualTo(400 * Math.sqrt(2) * 1.043);
    }
  }

  @Test
  void neighbouringCellsAre800MetresApartWithinTheDocumentedError() {
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 20_000; i++) {
      boolean shanxi = i % 2 == 0;
      GeoPoint p = shanxi
          ? new GeoPoint(34.5 + random.nextDouble() * 6.3, 110.2 + random.nextDouble() * 4.4)
          : new GeoPoint(18 + random.nextDouble() * 36, 73 + random.nextDouble() * 62);
      double error = shanxi ? 0.019 : 0.043;
      GridCell c = GridCell.of(p);
      for (GridCell n : new GridCell[] {new GridCell(c.row() + 1, c.col()), new GridCell(c.row(), c.col() + 1)}) {
        double d = metres(c.centre(), n.centre());
        assertThat(d).as("%s to %s", c, n).isBetween(800 * (1 - error), 800 * (1 + error));
      }
    }
  }

  @Test
  void hasEightDistinctNeighbours() {
    GridCell c = new GridCell(10, 20);
    assertThat(c.neighbours()).hasSize(8).doesNotContain(c).doesNotHaveDuplicates()
        .allMatch(n -> Math.abs(n.row() - 10) <= 1 && Math.abs(n.col() - 20) <= 1);
  }
}
