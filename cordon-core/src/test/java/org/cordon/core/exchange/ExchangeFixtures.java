package org.cordon.core.exchange;

import java.time.Instant;
import java.util.Random;
import org.cordon.core.person.IdentityNumber;
import org.cordon.core.person.Person;
import org.cordon.core.place.ContactClass;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.GeoPoint;
import org.cordon.core.place.Venue;
import org.cordon.core.place.VenueKind;
import org.cordon.core.presence.Dwell;
import org.cordon.core.presence.TripRide;
import org.cordon.core.presence.VenueScan;

/** Random but valid exchange records, for round-trip tests here and in the server and benchmarks. */
public final class ExchangeFixtures {

  private static final String[] NAMES = {"张三", "李四", "王五, Jr.", "O'Brien \"Bob\"", "赵六", " lead"};
  private static final Instant BASE = Instant.parse("2022-03-01T00:00:00Z");

  private final Random rnd;

  public ExchangeFixtures(long seed) {
    this.rnd = new Random(seed);
  }

  /** A valid identity number for {@code personId}, unique per id, registered in Taiyuan Xiaodian. */
  public static IdentityNumber idFor(long personId) {
    long order = personId % 1000;
    long day = personId / 1000 % 20000;
    java.time.LocalDate birth = java.time.LocalDate.of(1940, 1, 1).plusDays(day);
    String first17 = "140105" + String.format("%04d%02d%02d", birth.getYear(), birth.getMonthValue(),
        birth.getDayOfMonth()) + String.format("%03d", order);
    return new IdentityNumber(first17 + IdentityNumber.checkCharacter(first17));
  }

  public Person person(long personId) {
    GeoPoint home = rnd.nextInt(10) == 0 ? null
        : new GeoPoint(37.5 + rnd.nextDouble(), 112.0 + rnd.nextDouble());
    String phone = rnd.nextInt(5) == 0 ? null : "13" + (100000000 + rnd.nextInt(900000000));
    return new Person(personId, 1 + personId / 3, DivisionCode.of("140105" + pad3(1 + rnd.nextInt(20))
        + pad3(1 + rnd.nextInt(30))), idFor(personId), NAMES[rnd.nextInt(NAMES.length)] + personId,
        phone, home);
  }

  public Venue venue(int n) {
    VenueKind kind = VenueKind.values()[rnd.nextInt(VenueKind.values().length)];
    GeoPoint at = rnd.nextInt(10) == 0 ? null : new GeoPoint(37.5 + rnd.nextDouble(), 112.0 + rnd.nextDouble());
    return new Venue("V" + n, NAMES[rnd.nextInt(NAMES.length)] + " " + kind.code() + " " + n, kind,
        DivisionCode.of("140105" + pad3(1 + rnd.nextInt(20))), at, 1 + rnd.nextInt(600),
        rnd.nextBoolean() ? ContactClass.CLOSE : ContactClass.KEY);
  }

  public VenueScan scan(long personId, int venue) {
    Instant t = time();
    return new VenueScan(personId, "V" + venue, t,
        rnd.nextBoolean() ? null : t.plusSeconds(60 + rnd.nextInt(7200)));
  }

  public TripRide trip(long personId) {
    Instant t = time();
    return new TripRide(personId, "G" + rnd.nextInt(9000) + "-20220301",
        rnd.nextInt(4) == 0 ? null : 1 + rnd.nextInt(30), t, t.plusSeconds(600 + rnd.nextInt(7200)));
  }

  public Dwell dwell(long personId) {
    Instant t = time();
    return new Dwell(personId, "C" + rnd.nextInt(300) + "_" + rnd.nextInt(300), t,
        t.plusSeconds(300 + rnd.nextInt(20000)));
  }

  private Instant time() {
    Instant t = BASE.plusSeconds(rnd.nextInt(14 * 86400));
    return rnd.nextInt(8) == 0 ? t.plusMillis(1 + rnd.nextInt(999)) : t;
  }

  private static String pad3(int v) {
    return String.format("%03d", v);
  }
}
