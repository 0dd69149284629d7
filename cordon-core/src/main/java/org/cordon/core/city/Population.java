package org.cordon.core.city;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.cordon.core.person.IdentityNumber;
import org.cordon.core.person.Person;
import org.cordon.core.place.GeoPoint;

/**
 * The residents: households drawn from the 2020 census household-size distribution, members with ages
 * by their role in the household, valid and unique identity numbers, phones, and a home point inside
 * the county. Keeps per-person columns for the daily routines; emits {@link Person} records on demand.
 */
final class Population {
  /**
   * Share of households with 1, 2, 3, 4, 5 and 6 members (China, 2020 census, 家庭户规模 rounded; the
   * 6+ class is generated as 6).
   */
  private static final double[] HOUSEHOLD_SIZE_SHARE = {25.4, 29.7, 21.0, 13.2, 6.3, 4.4};
  private static final String[] MOBILE_PREFIXES =
      {"130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
          "156", "158", "159", "166", "177", "180", "181", "182", "183", "185", "186", "187", "188",
          "189", "191", "198", "199"};

  final int size;
  final long[] household;
  final int[] county;
  final int[] home; // index of the home division within the county
  final short[] age;
  final boolean[] male;
  final double[] lat;
  final double[] lon;
  final String[] name;
  final String[] idNumber;
  final boolean[] hasPhone;

  private final Geography geography;
  private final long seed;

  Population(Geography geography, int persons, long seed, LocalDate referenceDate) {
    this.geography = geography;
    this.seed = seed;
    size = persons;
    household = new long[persons];
    county = new int[persons];
    home = new int[persons];
    age = new short[persons];
    male = new boolean[persons];
    lat = new double[persons];
    lon = new double[persons];
    name = new String[persons];
    idNumber = new String[persons];
    hasPhone = new boolean[persons];
    fill(referenceDate);
  }

  private void fill(LocalDate referenceDate) {
    SplittableRandom random = Seeds.stream(seed, 1, 0);
    WeightedChoice sizes = new WeightedChoice(HOUSEHOLD_SIZE_SHARE);
    OrderCodes orders = new OrderCodes();
    int next = 0;
    long householdId = 0;
    while (next < size) {
      householdId++;
      int members = Math.min(sizes.next(random) + 1, size - next);
      int c = geography.nextCounty(random);
      int h = geography.county(c).homeChoice().next(random);
      GeoPoint point = geography.pointIn(c, random);
      String surname = Names.surname(random);
      int adultAge = 22 + random.nextInt(38);
      for (int m = 0; m < members; m++) {
        int p = next++;
        household[p] = householdId;
        county[p] = c;
        home[p] = h;
        lat[p] = point.lat();
        lon[p] = point.lon();
        male[p] = members == 1 ? random.nextBoolean() : m == 0 || (m > 1 && random.nextBoolean());
        age[p] = (short) ageOf(members, m, adultAge, random);
        // the spouse keeps a surname of their own; children and grandparents share the family's
        name[p] = (m == 1 ? Names.surname(random) : surname) + Names.givenName(random);
        hasPhone[p] = age[p] >= 10;
        String area = geography.county(c).division().code().gb2260();
        idNumber[p] = orders.issue(area, referenceDate.minusYears(age[p])
            .minusDays(random.nextInt(365)), male[p]);
      }
    }
  }

  /**
   * Members 0 and 1 are the couple (or the single adult or elder); 2 and 3 children; from 4 on the
   * grandparents. One-person households are young adults or elders, two-person ones often elders.
   */
  private static int ageOf(int members, int m, int adultAge, SplittableRandom random) {
    if (members == 1) {
      return random.nextInt(100) < 40 ? 60 + random.nextInt(30) : 20 + random.nextInt(40);
    }
    if (m <= 1) {
      if (members == 2 && adultAge > 45 && random.nextInt(100) < 50) {
        return adultAge + 15;
      }
      return Math.max(20, adultAge + random.nextInt(7) - 3);
    }
    if (m <= 3) {
      return Math.max(0, Math.min(adultAge - 20, random.nextInt(18)));
    }
    return Math.min(99, adultAge + 25 + random.nextInt(10));
  }

  Person person(int p) {
    String phone = hasPhone[p] ? phoneOf(p) : null;
    return new Person(p + 1L, household[p], geography.county(county[p]).homes()[home[p]],
        new IdentityNumber(idNumber[p]), name[p], phone, new GeoPoint(lat[p], lon[p]));
  }

  /**
   * A unique mobile number: the eight subscriber digits are a bijection of the person index (an odd
   * multiplier modulo 10^8), so no two persons share a number below 10^8 persons.
   */
  String phoneOf(int p) {
    long subscriber = ((long) p * 48_271L + Seeds.mix(seed) % 100_000_000L + 100_000_000L)
        % 100_000_000L;
    String prefix = MOBILE_PREFIXES[(int) (Seeds.mix(p) >>> 33) % MOBILE_PREFIXES.length];
    String digits = Long.toString(subscriber);
    return prefix + "00000000".substring(digits.length()) + digits;
  }

  /** Issues order codes per (county, birth date, sex): odd for men, even for women, as GB 11643 says. */
  private static final class OrderCodes {
    private final Map<String, Integer> issued = new HashMap<>();

    String issue(String area, LocalDate birth, boolean male) {
      String first14 = area + birth.getYear() + two(birth.getMonthValue()) + two(birth.getDayOfMonth());
      String key = first14 + (male ? 'M' : 'F');
      int n = issued.merge(key, 1, Integer::sum);
      int order = male ? 2 * n - 1 : 2 * n;
      if (order > 999) {
        // more than 500 people of one sex born on one day in one county: move to the next day
        return issue(area, birth.plusDays(1), male);
      }
      String first17 = first14 + (order < 10 ? "00" : order < 100 ? "0" : "") + order;
      return first17 + IdentityNumber.checkCharacter(first17);
    }

    private static String two(int v) {
      return v < 10 ? "0" + v : Integer.toString(v);
    }
  }
}
