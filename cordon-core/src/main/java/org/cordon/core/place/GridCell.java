package org.cordon.core.place;

import java.util.ArrayList;
import java.util.List;

/**
 * A cell of the 800 m grid in which phone location dwells are reported, identified as
 * {@code G{row}_{col}} (e.g. {@code G5104_7064}).
 *
 * <p>Projection: rows and columns count 800 m steps of northing and easting in the Albers equal-area
 * conic projection of the WGS-84 ellipsoid used for China (standard parallels 25°N and 47°N, central
 * meridian 105°E, origin at 0°N 105°E with a false easting of 5,000 km so that columns are positive all
 * over China). Row {@code r}, column {@code c} is the square {@code [800c, 800(c+1)) × [800r, 800(r+1))} of
 * projected metres. Being equal-area, every cell covers exactly 0.64 km² of the ellipsoid.
 *
 * <p>Error: the projection stretches parallels by a factor {@code k} and shrinks meridians by {@code 1/k},
 * so one grid step measures between {@code 800·min(k, 1/k)} and {@code 800·max(k, 1/k)} metres on the
 * ground. {@code k} is 1 on 25°N and 47°N, 0.9817 at its minimum near 37°N and 1.043 at 18°N or 54°N: a
 * step is 800 m within ±1.9 % (785 m to 815 m) anywhere in Shanxi and within ±4.3 % (767 m to 835 m)
 * between 18°N and 54°N. Grid north turns from true north by {@code 0.6·(lon − 105°)}, about 4.5° in
 * Shanxi. The grid is defined for any point on Earth but only meaningful near China.
 */
public record GridCell(int row, int col) {

  /** Side of a cell in projected metres. */
  public static final int SIZE_METRES = 800;

  /** The cell containing the point. */
  public static GridCell of(GeoPoint p) {
    AlbersEqualArea proj = AlbersEqualArea.CHINA;
    double x = proj.x(p.lat(), p.lon());
    double y = proj.y(p.lat(), p.lon());
    return new GridCell((int) Math.floor(y / SIZE_METRES), (int) Math.floor(x / SIZE_METRES));
  }

  /**
   * Parses an id as produced by {@link #id()}: {@code G}, the row, {@code _}, the column (decimal integers,
   * optionally negative).
   *
   * @throws IllegalArgumentException saying what the id should look like
   */
  public static GridCell parse(String id) {
    if (id == null || id.length() < 4 || id.charAt(0) != 'G') {
      throw malformed(id);
    }
    int sep = id.indexOf('_');
    if (sep < 2 || sep == id.length() - 1) {
      throw malformed(id);
    }
    return new GridCell(parseInt(id, 1, sep), parseInt(id, sep + 1, id.length()));
  }

  private static int parseInt(String id, int from, int to) {
    int i = from;
    boolean negative = id.charAt(i) == '-';
    if (negative) {
      i++;
    }
    if (i == to || to - i > 9) {
      throw malformed(id);
    }
    int v = 0;
    for (; i < to; i++) {
      char ch = id.charAt(i);
      if (ch < '0' || ch > '9') {
        throw malformed(id);
      }
      v = v * 10 + (ch - '0');
    }
    return negative ? -v : v;
  }

  private static IllegalArgumentException malformed(String id) {
    return new IllegalArgumentException(
        "grid cell id must look like G{row}_{col} with integer row and column (e.g. G5104_7064), got '"
            + id + "'");
  }

  /** The id {@code G{row}_{col}}. */
  public String id() {
    return "G" + row + "_" + col;
  }

  /** The point at the centre of the cell (in projected metres). */
  public GeoPoint centre() {
    return AlbersEqualArea.CHINA.inverse((col + 0.5) * SIZE_METRES, (row + 0.5) * SIZE_METRES);
  }

  /** The eight cells around this one, row by row from the one below-left. */
  public List<GridCell> neighbours() {
    List<GridCell> out = new ArrayList<>(8);
    for (int dr = -1; dr <= 1; dr++) {
      for (int dc = -1; dc <= 1; dc++) {
        if (dr != 0 || dc != 0) {
          out.add(new GridCell(row + dr, col + dc));
        }
      }
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return id();
  }
}
