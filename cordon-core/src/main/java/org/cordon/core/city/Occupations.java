package org.cordon.core.city;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.cordon.core.place.VenueKind;

/**
 * Who goes where every day: employed adults to a workplace (chosen in proportion to its staff, mostly in
 * their own county), pupils aged 6–17 to a school in their county, and who commutes by bus.
 */
final class Occupations {
  /** Kinds whose staff also work at weekends. */
  static final Set<VenueKind> SEVEN_DAY_KINDS = EnumSet.of(VenueKind.RESTAURANT,
      VenueKind.SUPERMARKET, VenueKind.MARKET, VenueKind.MALL, VenueKind.HOSPITAL, VenueKind.CLINIC,
      VenueKind.PHARMACY, VenueKind.STATION, VenueKind.HOTEL, VenueKind.GYM, VenueKind.ENTERTAINMENT,
      VenueKind.LOGISTICS_PARK, VenueKind.COLD_CHAIN_WAREHOUSE);
  static final int NONE = -1;
  private static final int EMPLOYMENT_PERCENT = 78;
  private static final int SAME_COUNTY_PERCENT = 75;
  private static final int BUS_PERCENT = 30;
  /** Residents per bus route. */
  private static final int RESIDENTS_PER_ROUTE = 15_000;

  final int[] place;        // workplace or school venue index, NONE if neither
  final short[] startMinute;
  final short[] endMinute;
  final byte[] busRoute;    // NONE if not commuting by bus
  final int[] routesPerCounty;

  Occupations(Population people, VenueCatalogue venues, Geography geography, long seed) {
    int n = people.size;
    place = new int[n];
    startMinute = new short[n];
    endMinute = new short[n];
    busRoute = new byte[n];
    Arrays.fill(place, NONE);
    Arrays.fill(busRoute, (byte) NONE);
    routesPerCounty = new int[geography.countyCount()];
    for (int c = 0; c < routesPerCounty.length; c++) {
      routesPerCounty[c] = (int) Math.max(1, Math.min(99,
          Math.round(geography.share(c) * n / RESIDENTS_PER_ROUTE)));
    }
    Employers employers = new Employers(venues, geography.countyCount());
    SplittableRandom random = Seeds.stream(seed, 3, 0);
    for (int p = 0; p < n; p++) {
      int age = people.age[p];
      if (age >= 6 && age <= 17) {
        int[] schools = venues.of(VenueKind.SCHOOL, people.county[p]);
        int[] pool = schools.length > 0 ? schools : venues.of(VenueKind.SCHOOL);
        place[p] = pool[random.nextInt(pool.length)];
        startMinute[p] = (short) (450 + random.nextInt(30));
        endMinute[p] = (short) (990 + random.nextInt(60));
      } else if ((age >= 20 && age <= 59 && random.nextInt(100) < EMPLOYMENT_PERCENT)
          || (age >= 60 && age <= 64 && random.nextInt(100) < 25)) {
        boolean local = random.nextInt(100) < SAME_COUNTY_PERCENT;
        place[p] = employers.pick(local ? people.county[p] : -1, random);
        startMinute[p] = (short) (420 + random.nextInt(150));
        endMinute[p] = (short) (startMinute[p] + 480 + random.nextInt(120));
      }
      if (place[p] != NONE && age >= 10 && random.nextInt(100) < BUS_PERCENT) {
        busRoute[p] = (byte) random.nextInt(routesPerCounty[people.county[p]]);
      }
    }
  }

  /** Employer choice weighted by staff, per county and city-wide. */
  private static final class Employers {
    private final int[][] byCounty;
    private final WeightedChoice[] choiceByCounty;
    private final int[] all;
    private final WeightedChoice allChoice;

    Employers(VenueCatalogue venues, int counties) {
      int total = venues.venues().size();
      all = new int[total];
      double[] weights = new double[total];
      for (int v = 0; v < total; v++) {
        all[v] = v;
        weights[v] = venues.staff(v);
      }
      allChoice = new WeightedChoice(weights);
      byCounty = new int[counties][];
      choiceByCounty = new WeightedChoice[counties];
      for (int c = 0; c < counties; c++) {
        final int county = c;
        byCounty[c] = java.util.stream.IntStream.range(0, total)
            .filter(v -> venues.county(v) == county).toArray();
        double[] w = Arrays.stream(byCounty[c]).mapToDouble(venues::staff).toArray();
        choiceByCounty[c] = w.length == 0 ? null : new WeightedChoice(w);
      }
    }

    int pick(int county, SplittableRandom random) {
      if (county >= 0 && choiceByCounty[county] != null) {
        return byCounty[county][choiceByCounty[county].next(random)];
      }
      return all[allChoice.next(random)];
    }
  }
}
