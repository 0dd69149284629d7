package org.cordon.core.place;

/**
 * The Albers equal-area conic projection of the WGS-84 ellipsoid commonly used for maps of China:
 * standard parallels 25°N and 47°N, central meridian 105°E, latitude of origin 0°, plus a false easting
 * (formulas after Snyder, "Map Projections: A Working Manual", 1987, §14). Equal-area: planar areas in
 * it are true ellipsoidal areas. Its scale along parallels {@code k} (and {@code 1/k} along meridians)
 * stays within 0.981..1.043 between 18°N and 54°N (1 on the standard parallels, 0.9817 at its minimum near
 * 37°N); see {@link GridCell} for what that means for distances.
 */
final class AlbersEqualArea {

  private static final double A = 6_378_137.0;
  private static final double F = 1 / 298.257223563;
  private static final double E2 = F * (2 - F);
  private static final double E = Math.sqrt(E2);

  // declared after the ellipsoid constants, which its construction reads
  static final AlbersEqualArea CHINA = new AlbersEqualArea(25, 47, 0, 105, 5_000_000);

  private final double lambda0;
  private final double n;
  private final double c;
  private final double rho0;
  private final double falseEasting;

  AlbersEqualArea(double lat1, double lat2, double lat0, double lon0, double falseEasting) {
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double m1 = m(p1);
    double m2 = m(p2);
    this.n = (m1 * m1 - m2 * m2) / (q(p2) - q(p1));
    this.c = m1 * m1 + n * q(p1);
    this.rho0 = A * Math.sqrt(c - n * q(Math.toRadians(lat0))) / n;
    this.lambda0 = Math.toRadians(lon0);
    this.falseEasting = falseEasting;
  }

  private static double m(double phi) {
    double s = Math.sin(phi);
    return Math.cos(phi) / Math.sqrt(1 - E2 * s * s);
  }

  private static double q(double phi) {
    double s = Math.sin(phi);
    return (1 - E2) * (s / (1 - E2 * s * s) - Math.log((1 - E * s) / (1 + E * s)) / (2 * E));
  }

  /** Projected x (easting, metres, false easting included) of a point in degrees. */
  double x(double lat, double lon) {
    double phi = Math.toRadians(lat);
    double rho = A * Math.sqrt(c - n * q(phi)) / n;
    return falseEasting + rho * Math.sin(theta(lon));
  }

  /** Projected y (northing, metres) of a point in degrees. */
  double y(double lat, double lon) {
    double phi = Math.toRadians(lat);
    double rho = A * Math.sqrt(c - n * q(phi)) / n;
    return rho0 - rho * Math.cos(theta(lon));
  }

  private double theta(double lon) {
    double d = Math.toRadians(lon) - lambda0;
    // keep the meridian difference in -pi..pi so the cut of the cone is opposite the central meridian
    if (d > Math.PI) {
      d -= 2 * Math.PI;
    } else if (d < -Math.PI) {
      d += 2 * Math.PI;
    }
    return n * d;
  }

  /** The point (degrees) whose projection is (x, y); the inverse of {@link #x} and {@link #y}. */
  GeoPoint inverse(double x, double y) {
    double dx = x - falseEasting;
    double dy = rho0 - y;
    double rho = Math.hypot(dx, dy);
    double theta = Math.atan2(dx, dy);
    double qv = (c - (rho * n / A) * (rho * n / A)) / n;
    double phi = Math.asin(Math.max(-1, Math.min(1, qv / 2)));
    for (int i = 0; i < 25; i++) {
      double s = Math.sin(phi);
      double one = 1 - E2 * s * s;
      double delta = one * one / (2 * Math.cos(phi))
          * (qv / (1 - E2) - s / one + Math.log((1 - E * s) / (1 + E * s)) / (2 * E));
      phi += delta;
      if (Math.abs(delta) < 1e-13) {
        break;
      }
    }
    double lon = Math.toDegrees(lambda0 + theta / n);
    if (lon > 180) {
      lon -= 360;
    } else if (lon < -180) {
      lon += 360;
    }
    return new GeoPoint(Math.toDegrees(phi), lon);
  }

  /** Scale factor along the parallel at a latitude (degrees); the scale along the meridian is its inverse. */
  double parallelScale(double lat) {
    double phi = Math.toRadians(lat);
    double rho = A * Math.sqrt(c - n * q(phi)) / n;
    return rho * n / (A * m(phi));
  }
}
