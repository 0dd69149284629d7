package org.cordon.core.city;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.GeoPoint;
import org.cordon.core.place.Venue;
import org.cordon.core.place.VenueKind;

/**
 * The venues of the city: how many of each kind per million residents, how many staff each employs,
 * and the share of errands that go to each kind. Venues of class {@code close} are kept to the size of
 * a room (a school venue is one class of about 45 pupils, a factory venue one workshop, an office one
 * company floor of about 25), since everyone who shares a close venue's time becomes a close contact.
 * For the same reason the errand shares of the close kinds that customers visit (clinics, gyms,
 * entertainment) are set so that about ten customers share one at a time: about one errand in a hundred
 * each, i.e. roughly one visit per person a month, against five a month to a clinic that real
 * outpatient statistics would not support. Restaurants are of class {@code key} (see {@link VenueKind}).
 * Venues are spread over the counties in proportion to their population and placed at random inside
 * them.
 */
final class VenueCatalogue {

  /** Planning figures for one venue kind; counts scale with the population. */
  record KindPlan(VenueKind kind, double perMillion, int staff, double errandShare, String label) {
  }

  static final List<KindPlan> PLANS = List.of(
      new KindPlan(VenueKind.OFFICE, 8000, 25, 0, "公司"),
      new KindPlan(VenueKind.FACTORY, 2400, 50, 0, "车间"),
      new KindPlan(VenueKind.SCHOOL, 2700, 3, 0, "学校班级"),
      new KindPlan(VenueKind.RESTAURANT, 6000, 4, 30, "饭店"),
      new KindPlan(VenueKind.SUPERMARKET, 500, 20, 25, "超市"),
      new KindPlan(VenueKind.MARKET, 100, 30, 10, "农贸市场"),
      new KindPlan(VenueKind.MALL, 20, 300, 8, "购物中心"),
      new KindPlan(VenueKind.HOSPITAL, 20, 500, 2, "医院"),
      new KindPlan(VenueKind.CLINIC, 600, 5, 1, "诊所"),
      new KindPlan(VenueKind.PHARMACY, 400, 4, 7, "药店"),
      new KindPlan(VenueKind.STATION, 4, 50, 1, "客运站"),
      new KindPlan(VenueKind.LOGISTICS_PARK, 8, 300, 0, "物流园"),
      new KindPlan(VenueKind.COLD_CHAIN_WAREHOUSE, 5, 60, 0, "冷链仓库"),
      new KindPlan(VenueKind.HOTEL, 80, 30, 1, "酒店"),
      new KindPlan(VenueKind.GYM, 100, 8, 1, "健身房"),
      new KindPlan(VenueKind.ENTERTAINMENT, 300, 10, 1, "娱乐场所"),
      new KindPlan(VenueKind.GOVERNMENT, 60, 80, 3, "政务大厅"));

  private final List<Venue> venues = new ArrayList<>();
  private final List<Integer> venueCounty = new ArrayList<>();
  private final List<Integer> venueStaff = new ArrayList<>();
  /** Venue indexes by kind, per county. */
  private final Map<VenueKind, int[][]> byKindAndCounty = new EnumMap<>(VenueKind.class);
  /** Venue indexes by kind, any county (the fallback of errands in a county without that kind). */
  private final Map<VenueKind, int[]> byKind = new EnumMap<>(VenueKind.class);

  VenueCatalogue(Geography geography, int persons, long seed) {
    SplittableRandom random = Seeds.stream(seed, 2, 0);
    for (KindPlan plan : PLANS) {
      int total = (int) Math.max(1, Math.round(plan.perMillion() * persons / 1_000_000.0));
      List<List<Integer>> perCounty = new ArrayList<>();
      for (int c = 0; c < geography.countyCount(); c++) {
        perCounty.add(new ArrayList<>());
      }
      for (int i = 0; i < total; i++) {
        int c = geography.nextCounty(random);
        perCounty.get(c).add(venues.size());
        venues.add(venue(geography, c, plan, i + 1, random));
        venueCounty.add(c);
        int staff = Math.max(1, (int) Math.round(plan.staff() * (0.3 + 1.4 * random.nextDouble())));
        venueStaff.add(staff);
      }
      int[][] table = new int[geography.countyCount()][];
      for (int c = 0; c < table.length; c++) {
        table[c] = perCounty.get(c).stream().mapToInt(Integer::intValue).toArray();
      }
      byKindAndCounty.put(plan.kind(), table);
      byKind.put(plan.kind(),
          java.util.Arrays.stream(table).flatMapToInt(java.util.Arrays::stream).toArray());
    }
  }

  private static Venue venue(Geography geography, int c, KindPlan plan, int serial,
      SplittableRandom random) {
    Geography.County county = geography.county(c);
    DivisionCode division = county.homes()[county.homeChoice().next(random)];
    GeoPoint at = geography.pointIn(c, random);
    String id = "V" + county.division().code().value() + plan.kind().ordinal() / 10
        + plan.kind().ordinal() % 10 + pad6(serial);
    String name = county.division().name() + Names.surname(random) + "记" + plan.label() + serial + "号";
    int dwell = plan.kind().defaultDwellMinutes();
    return new Venue(id, name, plan.kind(), division, at, dwell, plan.kind().defaultContactClass());
  }

  private static String pad6(int v) {
    String s = Integer.toString(v);
    return "000000".substring(Math.min(6, s.length())) + s;
  }

  List<Venue> venues() {
    return venues;
  }

  int county(int venue) {
    return venueCounty.get(venue);
  }

  int staff(int venue) {
    return venueStaff.get(venue);
  }

  /** Venues of a kind in a county; may be empty. */
  int[] of(VenueKind kind, int county) {
    return byKindAndCounty.get(kind)[county];
  }

  /** All venues of a kind, any county. */
  int[] of(VenueKind kind) {
    return byKind.get(kind);
  }
}
