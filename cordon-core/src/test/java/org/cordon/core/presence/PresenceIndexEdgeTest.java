package org.cordon.core.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresenceIndexEdgeTest {
  private static final long T0 = Instant.parse("2026-11-20T09:00:00+08:00").getEpochSecond();
  private static final long MIDNIGHT = Instant.parse("2026-11-21T00:00:00+08:00").getEpochSecond();

  private static List<String> atPlace(PresenceIndex index, String place, long from, long to) {
    List<String> out = new ArrayList<>();
    index.forEachAtPlace(place, Instant.ofEpochSecond(from), Instant.ofEpochSecond(to),
        (person, p, start, end, seat) -> out.add(index.personId(person) + "@"
            + (PresenceTime.toEpochSecond(start) - T0) + "+" + (end - start) + "s" + seat));
    return out;
  }

  private static List<String> ofPerson(PresenceIndex index, long personId, long from, long to) {
    List<String> out = new ArrayList<>();
    index.forEachOfPerson(personId, Instant.ofEpochSecond(from), Instant.ofEpochSecond(to),
        (person, p, start, end, seat) -> out.add(index.placeId(p)));
    return out;
  }

  @Test
  void treatsTouchingIntervalsAsNotOverlapping() {
    PresenceIndex index = PresenceIndexBuilder.cells(new PersonDictionary())
        .appendDwell(1, "C1", T0, T0 + 600).build();
    assertThat(atPlace(index, "C1", T0 + 600, T0 + 900)).isEmpty();
    assertThat(atPlace(index, "C1", T0 - 300, T0)).isEmpty();
    assertThat(atPlace(index, "C1", T0 + 599, T0 + 600)).containsExactly("1@0+600s0");
    assertThat(atPlace(index, "C1", T0 - 1, T0 + 1)).containsExactly("1@0+600s0");
  }

  @Test
  void findsOneSecondAndOneMinuteStays() {
    PresenceIndex index = PresenceIndexBuilder.scans(new PersonDictionary(), v -> 15)
        .appendScan(1, "V1", T0, T0 + 1).appendScan(2, "V1", T0, T0 + 60).build();
    assertThat(atPlace(index, "V1", T0, T0 + 1)).containsExactlyInAnyOrder("1@0+1s0", "2@0+60s0");
    assertThat(atPlace(index, "V1", T0 + 1, T0 + 2)).containsExactly("2@0+60s0");
  }

  @Test
  void endsAScanWithoutExitAfterTheVenueDwellMinutes() {
    PresenceIndex index = PresenceIndexBuilder.scans(new PersonDictionary(), v -> v.equals("MALL") ? 90 : 5)
        .appendScan(1, "MALL", T0, -1).appendScan(2, "SHOP", T0, -1).build();
    assertThat(atPlace(index, "MALL", T0, T0 + 1)).containsExactly("1@0+5400s0");
    assertThat(atPlace(index, "SHOP", T0 + 300, T0 + 400)).isEmpty();
  }

  @Test
  void findsAPresenceCrossingMidnightFromTheNextDay() {
    PresenceIndex index = PresenceIndexBuilder.rides(new PersonDictionary())
        .appendRide(7, "K1234", 3, MIDNIGHT - 600, MIDNIGHT + 3 * 3600)
        .appendRide(8, "K1234", 0, MIDNIGHT + 60, MIDNIGHT + 120).build();
    assertThat(index.partitionCount()).isEqualTo(2);
    assertThat(atPlace(index, "K1234", MIDNIGHT + 7200, MIDNIGHT + 7201)).hasSize(1)
        .allMatch(s -> s.startsWith("7@") && s.endsWith("s3"));
    assertThat(ofPerson(index, 7, MIDNIGHT + 3 * 3600 - 1, MIDNIGHT + 4 * 3600)).containsExactly("K1234");
    assertThat(ofPerson(index, 7, MIDNIGHT + 3 * 3600, MIDNIGHT + 4 * 3600)).isEmpty();
  }

  @Test
  void partitionsByLocalDaysOfTheChosenZone() {
    long utcMidnight = Instant.parse("2026-11-21T00:00:00Z").getEpochSecond();
    PresenceIndex shanghai = PresenceIndexBuilder.cells(new PersonDictionary())
        .appendDwell(1, "C", utcMidnight - 60, utcMidnight - 30)
        .appendDwell(1, "C", utcMidnight + 30, utcMidnight + 60).build();
    PresenceIndex utc = PresenceIndexBuilder.cells(new PersonDictionary()).zone(ZoneId.of("UTC"))
        .appendDwell(1, "C", utcMidnight - 60, utcMidnight - 30)
        .appendDwell(1, "C", utcMidnight + 30, utcMidnight + 60).build();
    assertThat(shanghai.partitionCount()).isEqualTo(1);
    assertThat(utc.partitionCount()).isEqualTo(2);
  }

  @Test
  void visitsNothingForUnknownIdsEmptyWindowsAndAnEmptyIndex() {
    PresenceIndex empty = PresenceIndexBuilder.cells(new PersonDictionary()).build();
    assertThat(empty.size()).isZero();
    assertThat(atPlace(empty, "C1", T0, T0 + 600)).isEmpty();
    assertThat(ofPerson(empty, 1, T0, T0 + 600)).isEmpty();
    PresenceIndex index = PresenceIndexBuilder.cells(new PersonDictionary())
        .appendDwell(1, "C1", T0, T0 + 600).build();
    assertThat(atPlace(index, "C2", T0, T0 + 600)).isEmpty();
    assertThat(ofPerson(index, 2, T0, T0 + 600)).isEmpty();
    assertThat(ofPerson(index, -5, T0, T0 + 600)).isEmpty();
    assertThat(atPlace(index, "C1", T0 + 10, T0 + 10)).isEmpty();
    List<String> none = new ArrayList<>();
    index.forEachAtPlace(99, 0, Integer.MAX_VALUE, (a, b, c, d, e) -> none.add("x"));
    index.forEachOfPerson(-1, Integer.MIN_VALUE, Integer.MAX_VALUE, (a, b, c, d, e) -> none.add("x"));
    assertThat(none).isEmpty();
  }

  @Test
  void widensAFractionalQueryToWholeSeconds() {
    PresenceIndex index = PresenceIndexBuilder.cells(new PersonDictionary())
        .appendDwell(1, "C1", T0, T0 + 600).build();
    List<String> seen = new ArrayList<>();
    index.forEachAtPlace("C1", Instant.ofEpochSecond(T0 - 1), Instant.ofEpochSecond(T0 - 1, 5),
        (a, b, c, d, e) -> seen.add("x"));
    assertThat(seen).isEmpty();
    index.forEachAtPlace("C1", Instant.ofEpochSecond(T0 - 1, 5), Instant.ofEpochSecond(T0, 5),
        (a, b, c, d, e) -> seen.add("x"));
    assertThat(seen).hasSize(1);
  }

  @Test
  void rejectsAQueryThatEndsBeforeItStarts() {
    PresenceIndex index = PresenceIndexBuilder.cells(new PersonDictionary()).build();
    assertThatThrownBy(() -> index.forEachAtPlace(0, 10, 9, (a, b, c, d, e) -> { }))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after it ends");
  }

  @Test
  void rejectsBadRowsWithTheReasonAndKeepsNothingOfThem() {
    PersonDictionary persons = new PersonDictionary();
    PresenceIndexBuilder scans = PresenceIndexBuilder.scans(persons, v -> {
      if (v.equals("GONE")) {
        throw new IllegalArgumentException("unknown venue GONE");
      }
      return v.equals("ZERO") ? 0 : 30;
    });
    assertThatThrownBy(() -> scans.appendScan(0, "V", T0, -1)).hasMessageContaining("person_id must be positive");
    assertThatThrownBy(() -> scans.appendScan(1, "V", T0, T0)).hasMessageContaining("is not after time");
    assertThatThrownBy(() -> scans.appendScan(1, "GONE", T0, -1)).hasMessage("unknown venue GONE");
    assertThatThrownBy(() -> scans.appendScan(1, "ZERO", T0, -1)).hasMessageContaining("must be 1..10080, got 0");
    assertThatThrownBy(() -> scans.appendScan(1, "V", 4_000_000_000L, -1)).hasMessageContaining("outside the presence index range");
    assertThatThrownBy(() -> scans.appendScan(1, "", T0, -1)).hasMessageContaining("place id is empty");
    assertThatThrownBy(() -> scans.appendDwell(1, "C", T0, T0 + 1)).hasMessageContaining("holds SCAN rows, not CELL");
    PresenceIndexBuilder rides = PresenceIndexBuilder.rides(persons);
    assertThatThrownBy(() -> rides.appendRide(1, "T", 1000, T0, T0 + 60)).hasMessageContaining("seat_row must be 1..999");
    assertThatThrownBy(() -> rides.appendRide(1, "T", 1, T0, T0 - 60)).hasMessageContaining("alight_time");
    assertThat(scans.size()).isZero();
    assertThat(rides.size()).isZero();
    assertThat(persons.size()).isZero();
    assertThat(scans.build().placeIndex("GONE")).isEqualTo(-1);
  }

  @Test
  void takesTheValueRecords() {
    PersonDictionary persons = new PersonDictionary();
    Instant at = Instant.ofEpochSecond(T0);
    PresenceIndex scans = PresenceIndexBuilder.scans(persons, v -> 10)
        .append(new VenueScan(5, "V1", at, null)).append(new VenueScan(6, "V1", at, at.plusSeconds(5))).build();
    PresenceIndex rides = PresenceIndexBuilder.rides(persons)
        .append(new TripRide(5, "G1", null, at, at.plusSeconds(3600))).build();
    PresenceIndex cells = PresenceIndexBuilder.cells(persons)
        .append(new Dwell(6, "C1", at, at.plusSeconds(60))).build();
    assertThat(atPlace(scans, "V1", T0, T0 + 1)).containsExactlyInAnyOrder("5@0+600s0", "6@0+5s0");
    assertThat(atPlace(rides, "G1", T0, T0 + 1)).containsExactly("5@0+3600s0");
    assertThat(ofPerson(cells, 6, T0, T0 + 1)).containsExactly("C1");
    assertThat(cells.personIndex(5)).isEqualTo(scans.personIndex(5));
  }

  @Test
  void countsTwentyBytesPerRowTwoMoreForSeatsAndTheFences() {
    PersonDictionary persons = new PersonDictionary();
    PresenceIndexBuilder cells = PresenceIndexBuilder.cells(persons);
    PresenceIndexBuilder rides = PresenceIndexBuilder.rides(persons);
    for (int i = 0; i < 1000; i++) {
      cells.appendDwell(1 + i % 10, "C" + i % 7, T0 + i * 97L, T0 + i * 97L + 600);
      rides.appendRide(1 + i % 10, "T" + i % 7, i % 20, T0 + i * 97L, T0 + i * 97L + 600);
    }
    PresenceIndex c = cells.build();
    PresenceIndex r = rides.build();
    assertThat(c.rowBytes()).isEqualTo(20_000 + 16 * 8);
    assertThat(r.rowBytes()).isEqualTo(22_000 + 16 * 8);
    assertThat(c.bytesUsed()).isGreaterThan(c.rowBytes() + persons.bytesUsed());
  }
}
