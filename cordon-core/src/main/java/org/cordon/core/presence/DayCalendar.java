package org.cordon.core.presence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Local day boundaries in index time for a range of index times, so that finding the day of a time is
 * a division and at most a few comparisons instead of a time-zone conversion. Handles zones with
 * daylight saving (days of 23 or 25 hours).
 */
final class DayCalendar {
  private final long firstEpochDay;
  /** {@code starts[k]} is the index time where day {@code firstEpochDay + k} starts; one extra at the end. */
  private final long[] starts;

  DayCalendar(ZoneId zone, int minTime, int maxTime) {
    LocalDate first = LocalDate.ofInstant(PresenceTime.toInstant(minTime), zone);
    LocalDate last = LocalDate.ofInstant(PresenceTime.toInstant(maxTime), zone);
    firstEpochDay = first.toEpochDay();
    int days = Math.toIntExact(last.toEpochDay() - firstEpochDay + 1);
    starts = new long[days + 1];
    for (int k = 0; k <= days; k++) {
      Instant s = first.plusDays(k).atStartOfDay(zone).toInstant();
      starts[k] = s.getEpochSecond() - PresenceTime.EPOCH_SECOND;
    }
  }

  int days() {
    return starts.length - 1;
  }

  long epochDay(int day) {
    return firstEpochDay + day;
  }

  long start(int day) {
    return starts[day];
  }

  /** Seconds in day {@code day}; 86,400 except on daylight-saving changes. */
  int length(int day) {
    return (int) (starts[day + 1] - starts[day]);
  }

  /** Day number (0-based within this calendar) of an index time inside the calendar's range. */
  int dayOf(int time) {
    int d = (int) Math.min(days() - 1, Math.max(0, Math.floorDiv(time - starts[0], 86_400L)));
    while (d > 0 && starts[d] > time) {
      d--;
    }
    while (d < days() - 1 && starts[d + 1] <= time) {
      d++;
    }
    return d;
  }
}
