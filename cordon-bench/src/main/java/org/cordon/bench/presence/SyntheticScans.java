package org.cordon.bench.presence;

import java.time.ZonedDateTime;
import java.util.Random;

/**
 * Unsorted venue scans for benchmarks, from a seeded {@link Random}: persons uniformly active, venue
 * popularity skewed (a few venues get most scans), scan times spread over the days with morning, noon
 * and evening peaks, 30% of scans with a known exit 1 to 180 minutes later. Held in primitive columns
 * so that generating them is not part of what is measured.
 */
final class SyntheticScans {
  final int count;
  final long[] personIds;
  final String[] venueCodes;
  final int[] dwellMinutes;
  /** Per scan: index into {@link #personIds}. */
  final int[] person;
  /** Per scan: index into {@link #venueCodes}. */
  final int[] venue;
  /** Per scan: seconds after {@link #baseEpochSecond}. */
  final int[] offset;
  /** Per scan: seconds from scan to exit, or -1 when the exit is unknown. */
  final int[] stay;
  final long baseEpochSecond;

  SyntheticScans(int count, int days, int persons, int venues, long seed) {
    Random random = new Random(seed);
    this.count = count;
    baseEpochSecond = ZonedDateTime.parse("2026-11-01T00:00:00+08:00").toEpochSecond();
    personIds = new long[persons];
    for (int i = 0; i < persons; i++) {
      personIds[i] = 1_000_000L + (long) i * 13 + random.nextInt(13);
    }
    venueCodes = new String[venues];
    dwellMinutes = new int[venues];
    for (int v = 0; v < venues; v++) {
      venueCodes[v] = String.format("1401%02d-%06d", v % 11, v);
      dwellMinutes[v] = 10 + random.nextInt(170);
    }
    person = new int[count];
    venue = new int[count];
    offset = new int[count];
    stay = new int[count];
    for (int i = 0; i < count; i++) {
      person[i] = random.nextInt(persons);
      double u = random.nextDouble();
      venue[i] = (int) (venues * u * u * u);
      offset[i] = random.nextInt(days) * 86_400 + secondOfDay(random);
      stay[i] = random.nextInt(10) < 3 ? 60 + random.nextInt(180 * 60) : -1;
    }
  }

  private static int secondOfDay(Random random) {
    int peak = random.nextInt(10);
    int hour = switch (peak) {
      case 0, 1 -> 7 + random.nextInt(2);
      case 2, 3 -> 11 + random.nextInt(2);
      case 4, 5, 6 -> 17 + random.nextInt(4);
      default -> random.nextInt(24);
    };
    return hour * 3600 + random.nextInt(3600);
  }

  long startEpochSecond(int i) {
    return baseEpochSecond + offset[i];
  }

  long exitEpochSecondOrMinus1(int i) {
    return stay[i] < 0 ? -1 : baseEpochSecond + offset[i] + stay[i];
  }
}
