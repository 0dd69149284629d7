package org.cordon.core.city;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.cordon.core.place.CountyBoundaries;
import org.cordon.core.place.Division;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.DivisionTree;
import org.cordon.core.place.GeoPoint;

/**
 * The counties under the generated area, each with its communities and villages, and how the
 * population is split among them.
 *
 * <p>No public data set ships populations per community, so the split is derived from the real
 * division data: in the statistical division codes, village-level codes 001–199 are residents'
 * committees (urban communities, 社区) and 200–399 villagers' committees (村). A community is weighted
 * {@value #COMMUNITY_WEIGHT} residents and a village {@value #VILLAGE_WEIGHT}, so urban districts
 * with many communities get most of the people, as they do in reality.
 */
final class Geography {
  static final int COMMUNITY_WEIGHT = 3000;
  static final int VILLAGE_WEIGHT = 800;

  private final List<County> counties = new ArrayList<>();
  private final WeightedChoice countyChoice;
  private final CountyBoundaries boundaries;

  /** A county with its home divisions (communities and villages) and their weights. */
  record County(Division division, DivisionCode[] homes, WeightedChoice homeChoice, double weight) {
  }

  Geography(DivisionTree tree, CountyBoundaries boundaries, DivisionCode area) {
    this.boundaries = boundaries;
    List<Division> candidates = area.level() == 3
        ? List.of(tree.get(area)) : tree.descendantsAtLevel(area, 3);
    for (Division county : candidates) {
      if (boundaries.boundary(county.code()).isEmpty()) {
        continue; // 市辖区 placeholders and counties without a shipped shape cannot host people
      }
      counties.add(county(tree, county));
    }
    if (counties.isEmpty()) {
      throw new IllegalArgumentException("no county with a known boundary under division " + area
          + " (" + tree.find(area).map(Division::name).orElse("unknown") + ")");
    }
    countyChoice = new WeightedChoice(counties.stream().mapToDouble(County::weight).toArray());
  }

  private static County county(DivisionTree tree, Division county) {
    List<Division> homes = tree.descendantsAtLevel(county.code(), 5);
    if (homes.isEmpty()) {
      homes = tree.descendantsAtLevel(county.code(), 4);
    }
    if (homes.isEmpty()) {
      homes = List.of(county);
    }
    DivisionCode[] codes = new DivisionCode[homes.size()];
    double[] weights = new double[homes.size()];
    double total = 0;
    for (int i = 0; i < codes.length; i++) {
      codes[i] = homes.get(i).code();
      weights[i] = isUrbanCommunity(codes[i]) ? COMMUNITY_WEIGHT : VILLAGE_WEIGHT;
      total += weights[i];
    }
    return new County(county, codes, new WeightedChoice(weights), total);
  }

  /** Residents' committees carry village-level codes 001–199. */
  static boolean isUrbanCommunity(DivisionCode code) {
    if (code.level() != 5) {
      return true;
    }
    int serial = Integer.parseInt(code.value().substring(9));
    return serial < 200;
  }

  int countyCount() {
    return counties.size();
  }

  County county(int index) {
    return counties.get(index);
  }

  int nextCounty(SplittableRandom random) {
    return countyChoice.next(random);
  }

  /** A random point in the county, rounded to 6 decimals (about 0.1 m), as a GPS fix would be. */
  GeoPoint pointIn(int county, SplittableRandom random) {
    GeoPoint p = boundaries.randomPointIn(counties.get(county).division().code(), random);
    return new GeoPoint(Math.round(p.lat() * 1e6) / 1e6, Math.round(p.lon() * 1e6) / 1e6);
  }

  /** Share of the whole population living in the county. */
  double share(int county) {
    double sum = 0;
    for (County c : counties) {
      sum += c.weight();
    }
    return counties.get(county).weight() / sum;
  }
}
