package org.cordon.core.city;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.cordon.core.place.GeoPoint;
import org.cordon.core.place.GridCell;
import org.cordon.core.place.Venue;
import org.cordon.core.place.VenueKind;
import org.cordon.core.presence.Dwell;
import org.cordon.core.presence.TripRide;
import org.cordon.core.presence.VenueScan;

/**
 * One person's day: the commute and the scan at the workplace or school, errands (meals, shopping,
 * pharmacy, clinic...), bus rides, the odd train, and the phone's dwells in the 800 m grid cells of home,
 * work and long errands. Deterministic per (seed, person, day).
 */
final class DailyRoutine {
  private static final int DAY_MINUTES = 24 * 60;
  /** Dwells shorter than this leave no trace in the phone data (the home dwell continues through). */
  private static final int MIN_DWELL_MINUTES = 15;
  private static final int TRAINS_PER_DAY = 20;
  private static final int TRAIN_CARS = 8;
  private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

  private final Population people;
  private final VenueCatalogue venues;
  private final Occupations jobs;
  private final Geography geography;
  private final long seed;
  private final WeightedChoice errandKinds;
  private final VenueKind[] errandKindOf;
  private final String[] venueCell;
  private final int[] stations;

  DailyRoutine(Population people, VenueCatalogue venues, Occupations jobs, Geography geography,
      long seed) {
    this.people = people;
    this.venues = venues;
    this.jobs = jobs;
    this.geography = geography;
    this.seed = seed;
    List<VenueCatalogue.KindPlan> errands = VenueCatalogue.PLANS.stream()
        .filter(k -> k.errandShare() > 0).toList();
    errandKindOf = errands.stream().map(VenueCatalogue.KindPlan::kind).toArray(VenueKind[]::new);
    errandKinds = new WeightedChoice(errands.stream()
        .mapToDouble(VenueCatalogue.KindPlan::errandShare).toArray());
    venueCell = venues.venues().stream().map(v -> GridCell.of(v.location()).id())
        .toArray(String[]::new);
    stations = venues.of(VenueKind.STATION);
  }

  /** Events of persons {@code [from, to)} on {@code date}, which starts at {@code midnight}. */
  DayEvents generate(LocalDate date, int day, Instant midnight, int from, int to) {
    DayEvents out = new DayEvents();
    boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY
        || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    String dateTag = date.format(YYYYMMDD);
    long epochMinute = midnight.getEpochSecond() / 60;
    List<int[]> away = new ArrayList<>(); // {startMinute, endMinute, venue}
    for (int p = from; p < to; p++) {
      SplittableRandom random = Seeds.stream(seed, 100 + day, p);
      away.clear();
      int lastEnd = goesToWork(p, weekend, random)
          ? commute(p, dateTag, epochMinute, away, out, random) : 0;
      errands(p, epochMinute, lastEnd, away, out, random);
      if (people.age[p] >= 18 && random.nextInt(1000) < 2 && stations.length > 0) {
        train(p, dateTag, epochMinute, out, random);
      }
      if (people.hasPhone[p]) {
        dwells(p, epochMinute, away, out);
      }
    }
    return out;
  }

  private boolean goesToWork(int p, boolean weekend, SplittableRandom random) {
    int place = jobs.place[p];
    if (place == Occupations.NONE) {
      return false;
    }
    Venue venue = venues.venues().get(place);
    if (Occupations.SEVEN_DAY_KINDS.contains(venue.kind())) {
      return random.nextInt(7) != 0;
    }
    return !weekend;
  }

  /** The day's work or school: bus both ways if the person rides one, a scan at the door. */
  private int commute(int p, String dateTag, long epochMinute, List<int[]> away, DayEvents out,
      SplittableRandom random) {
    int place = jobs.place[p];
    int start = jobs.startMinute[p] + random.nextInt(21) - 10;
    int end = Math.min(DAY_MINUTES - 30, jobs.endMinute[p] + random.nextInt(31) - 10);
    int route = jobs.busRoute[p];
    if (route != Occupations.NONE) {
      int ride = 15 + random.nextInt(35);
      bus(p, route, start - ride - 5, ride, dateTag, epochMinute, out, random);
      bus(p, route, end + 5, ride, dateTag, epochMinute, out, random);
    }
    Instant exit = random.nextInt(100) < 30 ? minute(epochMinute, end) : null;
    out.scans.add(new VenueScan(p + 1L, venues.venues().get(place).venueId(),
        minute(epochMinute, start).plusSeconds(random.nextInt(60)), exit));
    away.add(new int[] {start, end, place});
    return end;
  }

  private void bus(int p, int route, int board, int ride, String dateTag, long epochMinute,
      DayEvents out, SplittableRandom random) {
    int departure = Math.max(0, board - Math.floorMod(board, 5)); // buses leave every 5 minutes
    String trip = "B" + geography.county(people.county[p]).division().code().value() + "-"
        + (route < 10 ? "0" : "") + route + "-" + dateTag + "-" + hhmm(departure);
    // A city bus ride code names the vehicle, never a seat: co-riders are same-trip key persons.
    int boardAt = departure + random.nextInt(5);
    out.trips.add(new TripRide(p + 1L, trip, null, minute(epochMinute, boardAt),
        minute(epochMinute, boardAt + ride)));
  }

  private void train(int p, String dateTag, long epochMinute, DayEvents out,
      SplittableRandom random) {
    int train = random.nextInt(TRAINS_PER_DAY);
    int departure = 360 + train * 45;
    int station = stations[train % stations.length];
    out.scans.add(new VenueScan(p + 1L, venues.venues().get(station).venueId(),
        minute(epochMinute, departure - 20 - random.nextInt(40)), null));
    // Seat rows are numbered along the whole train, car k's rows as k×100 + 1..18, so that only
    // rows of the same car can be within the close-contact distance.
    int seatRow = (1 + random.nextInt(TRAIN_CARS)) * 100 + 1 + random.nextInt(18);
    out.trips.add(new TripRide(p + 1L, "G" + (6001 + train) + "-" + dateTag, seatRow,
        minute(epochMinute, departure), minute(epochMinute, departure + 90 + train % 4 * 30)));
  }

  /** Errands outside work hours, one after the other, each at a venue of a kind drawn by share. */
  private void errands(int p, long epochMinute, int notBefore, List<int[]> away, DayEvents out,
      SplittableRandom random) {
    int age = people.age[p];
    int mean10 = age < 18 ? 5 : age >= 70 ? 10 : 16; // tenths of errands per day
    int count = poisson(mean10 / 10.0, random);
    int t = Math.max(notBefore + 10, 540 + random.nextInt(120));
    for (int i = 0; i < count && t < 1260; i++) {
      VenueKind kind = errandKindOf[errandKinds.next(random)];
      int county = random.nextInt(100) < 85 ? people.county[p] : geography.nextCounty(random);
      int[] pool = venues.of(kind, county);
      if (pool.length == 0) {
        pool = venues.of(kind);
      }
      int venue = pool[random.nextInt(pool.length)];
      int stay = Math.max(5, (int) (venues.venues().get(venue).dwellMinutes()
          * (0.5 + random.nextDouble())));
      Instant exit = random.nextInt(100) < 20 ? minute(epochMinute, Math.min(t + stay, 1439)) : null;
      out.scans.add(new VenueScan(p + 1L, venues.venues().get(venue).venueId(),
          minute(epochMinute, t).plusSeconds(random.nextInt(60)), exit));
      away.add(new int[] {t, Math.min(t + stay, DAY_MINUTES), venue});
      t += stay + 20 + random.nextInt(120);
    }
  }

  /** Home cell around the away periods; work and long errands in their venue's cell. */
  private void dwells(int p, long epochMinute, List<int[]> away, DayEvents out) {
    String home = GridCell.of(new GeoPoint(people.lat[p], people.lon[p])).id();
    long id = p + 1L;
    int t = 0;
    for (int[] a : away) {
      if (a[1] - a[0] < MIN_DWELL_MINUTES || a[0] < t) {
        continue;
      }
      if (a[0] - t >= MIN_DWELL_MINUTES) {
        out.dwells.add(new Dwell(id, home, minute(epochMinute, t), minute(epochMinute, a[0])));
      }
      out.dwells.add(new Dwell(id, venueCell[a[2]], minute(epochMinute, a[0]),
          minute(epochMinute, a[1])));
      t = a[1];
    }
    if (DAY_MINUTES - t >= MIN_DWELL_MINUTES) {
      out.dwells.add(new Dwell(id, home, minute(epochMinute, t), minute(epochMinute, DAY_MINUTES)));
    }
  }

  private static int poisson(double mean, SplittableRandom random) {
    double l = Math.exp(-mean);
    double prod = random.nextDouble();
    int k = 0;
    while (prod > l) {
      prod *= random.nextDouble();
      k++;
    }
    return k;
  }

  private static Instant minute(long epochMinute, int minuteOfDay) {
    return Instant.ofEpochSecond((epochMinute + minuteOfDay) * 60);
  }

  private static String hhmm(int minuteOfDay) {
    int h = minuteOfDay / 60;
    int m = minuteOfDay % 60;
    return (h < 10 ? "0" : "") + h + (m < 10 ? "0" : "") + m;
  }

  /** The events of one block of persons on one day, in generation order. */
  static final class DayEvents {
    final List<VenueScan> scans = new ArrayList<>();
    final List<TripRide> trips = new ArrayList<>();
    final List<Dwell> dwells = new ArrayList<>();
  }
}
