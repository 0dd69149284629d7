package org.cordon.core.place;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AlbersEqualAreaTest {

  private static final AlbersEqualArea P = AlbersEqualArea.CHINA;
  private static final double A = 6_378_137.0;
  private static final double E2 = (1 / 298.257223563) * (2 - 1 / 298.257223563);

  @Test
  void inverseUndoesTheProjection() {
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 10_000; i++) {
      double lat = -60 + random.nextDouble() * 140;
      double lon = -179 + random.nextDouble() * 358;
      GeoPoint back = P.inverse(P.x(lat, lon), P.y(lat, lon));
      assertThat(back.lat()).isCloseTo(lat, within(1e-9));
      assertThat(back.lon()).isCloseTo(lon, within(1e-9));
    }
  }

  @Test
  void projectedAreasAreEllipsoidAreas() {
    // A 1°x1° quadrangle at 37..38°N, 112..113°E against a numerical integral of the ellipsoid's area
    // element M(φ)·N(φ)·cos φ dφ dλ.
    int steps = 10_000;
    double expected = 0;
    for (int i = 0; i < steps; i++) {
      double phi = Math.toRadians(37 + (i + 0.5) / steps);
      double w = 1 - E2 * Math.sin(phi) * Math.sin(phi);
      expected += A * (1 - E2) / Math.pow(w, 1.5) * A / Math.sqrt(w) * Math.cos(phi) * Math.toRadians(1.0 / steps);
    }
    expected *= Math.toRadians(1);
    // the quadrangle's parallels are arcs in the projection: trace them finely
    int n = 2_000;
    double area2 = 0;
    double[][] ring = new double[4 * n][];
    for (int i = 0; i < n; i++) {
      ring[i] = new double[] {37, 112 + (double) i / n};
      ring[n + i] = new double[] {37 + (double) i / n, 113};
      ring[2 * n + i] = new double[] {38, 113 - (double) i / n};
      ring[3 * n + i] = new double[] {38 - (double) i / n, 112};
    }
    for (int i = 0; i < ring.length; i++) {
      double[] a = ring[i];
      double[] b = ring[(i + 1) % ring.length];
      area2 += P.x(a[0], a[1]) * P.y(b[0], b[1]) - P.x(b[0], b[1]) * P.y(a[0], a[1]);
    }
    assertThat(Math.abs(area2) / 2).isCloseTo(expected, within(expected * 1e-6));
  }

  @Test
  void scaleStaysWithinTheDocumentedBoundsOverChina() {
    for (double lat = 18; lat <= 54; lat += 0.05) {
      assertThat(P.parallelScale(lat)).isBetween(0.9816, 1.0430);
    }
    for (double lat = 34.5; lat <= 40.8; lat += 0.05) {
      assertThat(P.parallelScale(lat)).isBetween(0.9816, 0.9850);
    }
    assertThat(P.parallelScale(25)).isCloseTo(1, within(1e-12));
    assertThat(P.parallelScale(47)).isCloseTo(1, within(1e-12));
  }
}
