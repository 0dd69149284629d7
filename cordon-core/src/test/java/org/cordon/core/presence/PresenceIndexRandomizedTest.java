package org.cordon.core.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToIntFunction;
import org.cordon.core.presence.ReferencePresences.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PresenceIndexRandomizedTest {
  private static final ToIntFunction<String> DWELL = v -> Math.floorMod(v.hashCode(), 90) + 1;
  private static final String[] ZONES = {"Asia/Shanghai", "Europe/Berlin", "UTC", "America/St_Johns"};

  static List<Arguments> datasets() {
    List<Arguments> out = new ArrayList<>();
    for (int seed = 1; seed <= 120; seed++) {
      out.add(Arguments.of(PresenceKind.values()[seed % 3], seed));
    }
    return out;
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("datasets")
  void answersLikeTheBruteForceReferenceAfterBuild(PresenceKind kind, long seed) {
    Random random = new Random(seed);
    ZoneId zone = ZoneId.of(ZONES[random.nextInt(ZONES.length)]);
    List<Row> rows = randomRows(kind, random, zone, random.nextInt(3000));
    PresenceIndexBuilder builder = builder(kind).zone(zone).threads(1 + random.nextInt(3));
    ReferencePresences reference = new ReferencePresences();
    for (Row r : rows) {
      append(builder, kind, r);
      reference.add(expected(r));
    }
    PresenceIndex index = builder.build();
    assertThat(index.size()).isEqualTo(rows.size());
    compareQueries(index, reference, rows, random, 150);
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("datasets")
  void answersLikeTheBruteForceReferenceWhileAppendingLive(PresenceKind kind, long seed) {
    Random random = new Random(seed * 31 + 7);
    ZoneId zone = ZoneId.of(ZONES[random.nextInt(ZONES.length)]);
    List<Row> rows = randomRows(kind, random, zone, random.nextInt(2000));
    int built = rows.isEmpty() ? 0 : random.nextInt(rows.size() + 1);
    PresenceIndexBuilder builder = builder(kind).zone(zone).threads(1 + random.nextInt(2));
    ReferencePresences reference = new ReferencePresences();
    for (Row r : rows.subList(0, built)) {
      append(builder, kind, r);
      reference.add(expected(r));
    }
    LivePresenceIndex live = builder.buildLive(1 + random.nextInt(600));
    compareQueries(live.snapshot(), reference, rows, random, 20);
    int i = built;
    while (i < rows.size()) {
      int chunk = Math.min(rows.size() - i, 1 + random.nextInt(300));
      PresenceIndex before = live.snapshot();
      for (Row r : rows.subList(i, i + chunk)) {
        appendLive(live, kind, r);
        reference.add(expected(r));
      }
      assertThat(live.snapshot()).isSameAs(before);
      i += chunk;
      PresenceIndex published = random.nextInt(4) == 0 ? live.compact() : live.publish();
      assertThat(published.size()).isEqualTo(i);
      compareQueries(published, reference, rows, random, 20);
    }
    PresenceIndex compacted = live.compact();
    assertThat(live.tailSize()).isZero();
    compareQueries(compacted, reference, rows, random, 60);
  }

  private static void compareQueries(PresenceIndex index, ReferencePresences reference, List<Row> rows,
      Random random, int queries) {
    for (int q = 0; q < queries; q++) {
      long[] window = randomWindow(rows, random);
      long from = window[0];
      long to = window[1];
      Row any = rows.isEmpty() ? null : rows.get(random.nextInt(rows.size()));
      String place = any == null || random.nextInt(10) == 0 ? "NOWHERE" : any.placeId();
      long person = any == null || random.nextInt(10) == 0 ? 987_654_321L : any.personId();
      int f = PresenceTime.ofEpochSecond(from);
      int t = PresenceTime.ofEpochSecond(to);
      assertThat(ReferencePresences.collect(index, v -> index.forEachAtPlace(index.placeIndex(place), f,
          t, v))).as("at %s in [%s, %s)", place, from, to).isEqualTo(reference.atPlace(place, from, to));
      assertThat(ReferencePresences.collect(index, v -> index.forEachOfPerson(index.personIndex(person), f,
          t, v))).as("of %s in [%s, %s)", person, from, to).isEqualTo(reference.ofPerson(person, from, to));
    }
  }

  /** Query windows that often start or end exactly where some row starts or ends. */
  private static long[] randomWindow(List<Row> rows, Random random) {
    long base = ZonedDateTime.parse("2026-03-27T00:00:00+08:00").toEpochSecond();
    long from = base + random.nextInt(8 * 86_400) - 2 * 86_400;
    if (!rows.isEmpty() && random.nextBoolean()) {
      Row r = rows.get(random.nextInt(rows.size()));
      from = random.nextBoolean() ? r.end() : r.start();
    }
    long length = switch (random.nextInt(5)) {
      case 0 -> 0;
      case 1 -> 1 + random.nextInt(120);
      case 2 -> random.nextInt(86_400 * 3);
      default -> random.nextInt(4 * 3600);
    };
    long to = from + length;
    if (!rows.isEmpty() && random.nextInt(4) == 0) {
      Row r = rows.get(random.nextInt(rows.size()));
      to = Math.max(from, r.start());
    }
    return new long[] {from, to};
  }

  static List<Row> randomRows(PresenceKind kind, Random random, ZoneId zone, int count) {
    long[] persons = new long[1 + random.nextInt(40)];
    for (int i = 0; i < persons.length; i++) {
      persons[i] = random.nextInt(5) == 0 ? Long.MAX_VALUE - random.nextInt(1000) : 1 + random.nextInt(500);
    }
    int places = 1 + random.nextInt(30);
    long day0 = ZonedDateTime.of(2026, 3, 27, 0, 0, 0, 0, zone).toEpochSecond();
    int span = 1 + random.nextInt(5);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long start = random.nextInt(3) == 0
          ? ZonedDateTime.of(2026, 3, 27, 0, 0, 0, 0, zone).plusDays(random.nextInt(span + 1))
              .toEpochSecond() + random.nextInt(1200) - 600
          : day0 + random.nextInt(span * 86_400);
      long duration = switch (random.nextInt(8)) {
        case 0 -> 1;
        case 1 -> 60;
        case 2 -> 59 + random.nextInt(3);
        case 3 -> 3600 * (20 + random.nextInt(40));
        default -> 1 + random.nextInt(3 * 3600);
      };
      String place = (kind == PresenceKind.SCAN ? "V" : kind == PresenceKind.RIDE ? "T" : "C")
          + random.nextInt(places);
      long person = persons[random.nextInt(persons.length)];
      int seat = kind == PresenceKind.RIDE ? random.nextInt(12) : 0;
      if (kind == PresenceKind.SCAN && random.nextInt(3) == 0) {
        rows.add(new Row(person, place, start, start + 60L * DWELL.applyAsInt(place), -1));
      } else {
        rows.add(new Row(person, place, start, start + duration, seat));
      }
    }
    return rows;
  }

  /** The generator marks a scan without exit time with seat -1; the index reports seat 0 for it. */
  private static Row expected(Row r) {
    return r.seat() == -1 ? new Row(r.personId(), r.placeId(), r.start(), r.end(), 0) : r;
  }

  private static PresenceIndexBuilder builder(PresenceKind kind) {
    PersonDictionary persons = new PersonDictionary(4);
    return switch (kind) {
      case SCAN -> PresenceIndexBuilder.scans(persons, DWELL);
      case RIDE -> PresenceIndexBuilder.rides(persons);
      case CELL -> PresenceIndexBuilder.cells(persons);
    };
  }

  /** Scan rows with seat -1 stand for "no exit time"; the reference holds their computed end. */
  private static void append(PresenceIndexBuilder b, PresenceKind kind, Row r) {
    switch (kind) {
      case SCAN -> b.appendScan(r.personId(), r.placeId(), r.start(), r.seat() == -1 ? -1 : r.end());
      case RIDE -> b.appendRide(r.personId(), r.placeId(), r.seat(), r.start(), r.end());
      case CELL -> b.appendDwell(r.personId(), r.placeId(), r.start(), r.end());
    }
  }

  private static void appendLive(LivePresenceIndex b, PresenceKind kind, Row r) {
    switch (kind) {
      case SCAN -> b.appendScan(r.personId(), r.placeId(), r.start(), r.seat() == -1 ? -1 : r.end());
      case RIDE -> b.appendRide(r.personId(), r.placeId(), r.seat(), r.start(), r.end());
      case CELL -> b.appendDwell(r.personId(), r.placeId(), r.start(), r.end());
    }
  }
}
