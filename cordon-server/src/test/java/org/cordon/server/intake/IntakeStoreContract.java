package org.cordon.server.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.cordon.core.exchange.CsvWriter;
import org.cordon.core.exchange.ExchangeFixtures;
import org.cordon.core.exchange.ExchangeFormatException;
import org.cordon.core.exchange.ExchangeSyntax;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.exchange.RecordFormat;
import org.cordon.core.exchange.RecordKind;
import org.cordon.core.person.Person;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.Venue;
import org.cordon.core.presence.VenueScan;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The intake rules, run on H2 and on PostgreSQL by the subclasses. Chunks are tiny so that uploads
 * span many chunks and PostgreSQL's COPY paths (direct and staged) both run. Each test uses its own
 * range of person ids, since the database lives for the whole class.
 */
@SpringBootTest
@TestPropertySource(properties = {"cordon.intake.chunk-rows=7", "cordon.intake.max-errors=5"})
abstract class IntakeStoreContract {

  @Autowired
  IntakeManagement intake;
  @Autowired
  JdbcTemplate jdbc;

  private final ExchangeFixtures fx = new ExchangeFixtures(7);

  static <T> String csv(RecordFormat<T> format, List<T> records) {
    StringWriter out = new StringWriter();
    try (CsvWriter<T> w = new CsvWriter<>(format, out)) {
      for (T r : records) {
        w.write(r);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  IntakeReport upload(RecordKind kind, String body, boolean partial) {
    return intake.ingest(kind, ExchangeSyntax.CSV,
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), partial);
  }

  /** An upload by a caller whose jurisdiction is Taiyuan (1401). */
  IntakeReport uploadAsTaiyuan(RecordKind kind, String body, boolean partial) {
    return intake.ingest(kind, ExchangeSyntax.CSV,
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8, partial,
        TAIYUAN);
  }

  static final IntakeScope TAIYUAN = IntakeScope.within(DivisionCode.of("1401"));

  /** {@code p} moved to Datong 大同 (1402). */
  static Person inDatong(Person p) {
    return new Person(p.personId(), p.householdId(), DivisionCode.of("140202001001"), p.idNumber(),
        p.name(), p.phone(), p.home());
  }

  static Venue inDatong(Venue v) {
    return new Venue(v.venueId(), v.name(), v.kind(), DivisionCode.of("140202001"), v.location(),
        v.dwellMinutes(), v.contactClass());
  }

  long count(String table, String where) {
    Long n = jdbc.queryForObject("select count(*) from " + table + " where " + where, Long.class);
    return n == null ? 0 : n;
  }

  List<Person> persons(long from, int n) {
    return java.util.stream.LongStream.range(from, from + n).mapToObj(fx::person).toList();
  }

  <T> List<T> each(long from, int n, LongFunction<T> make) {
    return java.util.stream.LongStream.range(from, from + n).mapToObj(make).toList();
  }

  private List<Venue> venues(int from, int n) {
    return java.util.stream.IntStream.range(from, from + n).mapToObj(fx::venue).toList();
  }

  @Test
  void storesEveryKindAndCountsAnIdenticalResendAsDuplicates() {
    List<Person> persons = persons(1_000, 40);
    assertThat(upload(RecordKind.PERSONS, csv(org.cordon.core.exchange.ExchangeFormats.PERSONS, persons), false))
        .satisfies(r -> {
          assertThat(r.stored()).isTrue();
          assertThat(r.lines()).isEqualTo(40);
          assertThat(r.accepted()).isEqualTo(40);
          assertThat(r.errors()).isEmpty();
        });
    assertThat(upload(RecordKind.VENUES, csv(org.cordon.core.exchange.ExchangeFormats.VENUES, venues(1000, 12)), false)
        .accepted()).isEqualTo(12);
    String scans = csv(org.cordon.core.exchange.ExchangeFormats.SCANS,
        each(1_000, 40, id -> fx.scan(id, 1000 + (int) (id % 12))));
    String trips = csv(org.cordon.core.exchange.ExchangeFormats.TRIPS, each(1_000, 40, fx::trip));
    String dwells = csv(org.cordon.core.exchange.ExchangeFormats.DWELLS, each(1_000, 40, fx::dwell));
    assertThat(upload(RecordKind.SCANS, scans, false).accepted()).isEqualTo(40);
    assertThat(upload(RecordKind.TRIPS, trips, false).accepted()).isEqualTo(40);
    assertThat(upload(RecordKind.DWELLS, dwells, false).accepted()).isEqualTo(40);

    IntakeReport again = upload(RecordKind.SCANS, scans, false);
    assertThat(again.accepted()).isZero();
    assertThat(again.duplicates()).isEqualTo(40);
    assertThat(upload(RecordKind.PERSONS, csv(org.cordon.core.exchange.ExchangeFormats.PERSONS, persons), false)
        .duplicates()).isEqualTo(40);
    assertThat(upload(RecordKind.TRIPS, trips, false).duplicates()).isEqualTo(40);
    assertThat(upload(RecordKind.DWELLS, dwells, false).duplicates()).isEqualTo(40);
    assertThat(count("venue_scan", "person_id between 1000 and 1039")).isEqualTo(40);
    assertThat(count("trip_ride", "person_id between 1000 and 1039")).isEqualTo(40);
    assertThat(count("dwell", "person_id between 1000 and 1039")).isEqualTo(40);
    assertThat(count("person", "person_id between 1000 and 1039")).isEqualTo(40);
  }

  @Test
  void storesTheNewRowsOfAnUploadThatMixesNewAndAlreadyStoredRows() {
    upload(RecordKind.PERSONS, csv(org.cordon.core.exchange.ExchangeFormats.PERSONS, persons(2_000, 30)), false);
    upload(RecordKind.VENUES, csv(org.cordon.core.exchange.ExchangeFormats.VENUES, venues(2000, 3)), false);
    List<VenueScan> all = each(2_000, 30, id -> fx.scan(id, 2000 + (int) (id % 3)));
    upload(RecordKind.SCANS, csv(org.cordon.core.exchange.ExchangeFormats.SCANS,
        all.stream().filter(s -> s.personId() % 2 == 0).toList()), false);
    // the same rows twice in one upload count once
    List<VenueScan> doubled = new java.util.ArrayList<>(all);
    doubled.add(all.get(3));
    IntakeReport r = upload(RecordKind.SCANS, csv(org.cordon.core.exchange.ExchangeFormats.SCANS, doubled), false);
    assertThat(r.accepted()).isEqualTo(15);
    assertThat(r.duplicates()).isEqualTo(16);
    assertThat(count("venue_scan", "person_id between 2000 and 2029")).isEqualTo(30);
  }

  @Test
  void rejectsAStrictUploadWholeWhenOneRowIsBad() {
    upload(RecordKind.PERSONS, csv(org.cordon.core.exchange.ExchangeFormats.PERSONS, persons(3_000, 20)), false);
    upload(RecordKind.VENUES, csv(org.cordon.core.exchange.ExchangeFormats.VENUES, venues(3000, 2)), false);
    List<VenueScan> scans = new java.util.ArrayList<>(each(3_000, 20, id -> fx.scan(id, 3000)));
    scans.set(17, new VenueScan(3_999, "V3000", Instant.parse("2022-03-01T00:00:00Z"), null));
    IntakeReport r = upload(RecordKind.SCANS, csv(org.cordon.core.exchange.ExchangeFormats.SCANS, scans), false);
    assertThat(r.stored()).isFalse();
    assertThat(r.accepted()).isZero();
    assertThat(r.rejected()).isEqualTo(1);
    assertThat(r.errors()).containsExactly(new RowError(19,
        "unknown person 3999 (no person with this person_id is stored)"));
    assertThat(count("venue_scan", "person_id between 3000 and 3999")).isZero();
  }

  @Test
  void keepsTheGoodRowsOfAPartialUploadAndSaysWhatIsWrongWithTheOthers() {
    upload(RecordKind.PERSONS, csv(org.cordon.core.exchange.ExchangeFormats.PERSONS, persons(4_000, 5)), false);
    upload(RecordKind.VENUES, csv(org.cordon.core.exchange.ExchangeFormats.VENUES, venues(4000, 1)), false);
    String future = IsoTime.format(Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    String body = """
        person_id,venue_id,time,exit_time
        4000,V4000,2022-03-01T08:00:00+08:00,
        4001,V4000,2022-03-01T08:00:00+08:00,,
        4002,V4000,2022-13-01T08:00:00+08:00,
        4999,V4000,2022-03-01T08:00:00+08:00,
        4003,V9999,2022-03-01T08:00:00+08:00,
        4004,V4000,%s,
        4004,V4000,2022-03-01T09:00:00+08:00,2022-03-01T10:00:00+08:00
        """.formatted(future);
    IntakeReport r = upload(RecordKind.SCANS, body, true);
    assertThat(r.stored()).isTrue();
    assertThat(r.lines()).isEqualTo(7);
    assertThat(r.accepted()).isEqualTo(2);
    assertThat(r.rejected()).isEqualTo(5);
    assertThat(r.errors()).extracting(RowError::line).containsExactly(3L, 4L, 5L, 6L, 7L);
    assertThat(r.errors().get(0).reason()).isEqualTo("expected 4 columns, got 5");
    assertThat(r.errors().get(1).reason()).contains("is not ISO-8601").contains("month 13");
    assertThat(r.errors().get(2).reason()).startsWith("unknown person 4999");
    assertThat(r.errors().get(3).reason()).startsWith("unknown venue 'V9999'");
    assertThat(r.errors().get(4).reason()).isEqualTo("time " + future
        + " is in the future (beyond the allowed clock skew)");
    assertThat(count("venue_scan", "person_id between 4000 and 4999")).isEqualTo(2);
  }

  @Test
  void capsTheErrorListAndSaysSo() {
    StringBuilder body = new StringBuilder("person_id,cell_id,start_time,end_time\n");
    for (int i = 0; i < 12; i++) {
      body.append(5_900 + i).append(",C1,2022-03-01T08:00:00+08:00,2022-03-01T09:00:00+08:00\n");
    }
    IntakeReport r = upload(RecordKind.DWELLS, body.toString(), false);
    assertThat(r.rejected()).isEqualTo(12);
    assertThat(r.errors()).hasSize(5);
    assertThat(r.errorsTruncated()).isTrue();
  }

  @Test
  void refusesDuplicateInvalidAndChangedIdentities() {
    List<Person> stored = persons(6_000, 3);
    upload(RecordKind.PERSONS, csv(org.cordon.core.exchange.ExchangeFormats.PERSONS, stored), false);
    Person p0 = stored.get(0);
    Person changed = new Person(p0.personId(), p0.householdId(), p0.homeDivision(), p0.idNumber(),
        "Changed Name", p0.phone(), p0.home());
    Person stealsNumber = new Person(6_100, 1, p0.homeDivision(), stored.get(1).idNumber(), "X", null, null);
    Person fresh = fx.person(6_101);
    Person sameNumberAsFresh = new Person(6_102, 1, p0.homeDivision(), fresh.idNumber(), "Y", null, null);
    String body = csv(org.cordon.core.exchange.ExchangeFormats.PERSONS,
        List.of(changed, stealsNumber, fresh, sameNumberAsFresh))
        + "6103,1,140105,110105194912310021,Bad,,,\n";
    IntakeReport r = upload(RecordKind.PERSONS, body, true);
    assertThat(r.accepted()).isEqualTo(1);
    assertThat(r.errors()).extracting(RowError::line).containsExactly(2L, 3L, 5L, 6L);
    assertThat(r.errors().get(0).reason()).isEqualTo("person_id 6000 is already stored with other details");
    assertThat(r.errors().get(1).reason()).isEqualTo("duplicate id_number "
        + stored.get(1).idNumber().masked() + ": it belongs to person_id 6001");
    assertThat(r.errors().get(2).reason()).isEqualTo("duplicate id_number " + fresh.idNumber().masked()
        + ": also on line 4");
    assertThat(r.errors().get(3).reason()).isEqualTo(
        "identity number check character is '1' but GB 11643 gives 'X'");
    assertThat(count("person", "person_id between 6100 and 6199")).isEqualTo(1);
  }

  @Test
  void readsNdjsonUploads() {
    upload(RecordKind.PERSONS, csv(org.cordon.core.exchange.ExchangeFormats.PERSONS, persons(7_000, 2)), false);
    String body = "{\"person_id\":7000,\"trip_id\":\"K601\",\"seat_row\":12,\"board_time\":\"2022-03-01T08:00:00+08:00\",\"alight_time\":\"2022-03-01T11:00:00+08:00\"}\n"
        + "{\"person_id\":7001,\"trip_id\":\"K601\",\"seat_row\":null,\"board_time\":\"2022-03-01T08:00:00Z\",\"alight_time\":\"2022-03-01T11:00:00Z\"}\n";
    IntakeReport r = intake.ingest(RecordKind.TRIPS, ExchangeSyntax.NDJSON,
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), false);
    assertThat(r.accepted()).isEqualTo(2);
    assertThat(count("trip_ride", "person_id = 7000 and seat_row = 12")).isEqualTo(1);
    assertThat(count("trip_ride", "person_id = 7001 and seat_row is null")).isEqualTo(1);
  }

  @Test
  void storesNothingWhenTheHeaderIsBad() {
    assertThatThrownBy(() -> upload(RecordKind.SCANS, "person,venue_id,time\n1,V1,2022-03-01T08:00:00Z\n", true))
        .isInstanceOf(ExchangeFormatException.class)
        .hasMessageContaining("line 1: header: unknown column 'person'");
  }

  @Test
  void storesNothingOfAnUploadThatBreaksOff() {
    upload(RecordKind.PERSONS, csv(org.cordon.core.exchange.ExchangeFormats.PERSONS, persons(8_000, 50)), false);
    byte[] body = csv(org.cordon.core.exchange.ExchangeFormats.DWELLS, each(8_000, 50, fx::dwell))
        .getBytes(StandardCharsets.UTF_8);
    InputStream breaking = new InputStream() {
      int i;

      @Override
      public int read() throws IOException {
        if (i >= body.length * 9 / 10) {
          throw new IOException("connection reset");
        }
        return body[i++];
      }
    };
    assertThatThrownBy(() -> intake.ingest(RecordKind.DWELLS, ExchangeSyntax.CSV, breaking, true))
        .isInstanceOf(java.io.UncheckedIOException.class);
    assertThat(count("dwell", "person_id between 8000 and 8999")).isZero();
  }

  @Test
  void storesASingleEventOncePerClientEventId() {
    upload(RecordKind.PERSONS, csv(org.cordon.core.exchange.ExchangeFormats.PERSONS, persons(9_000, 1)), false);
    upload(RecordKind.VENUES, csv(org.cordon.core.exchange.ExchangeFormats.VENUES, venues(9000, 1)), false);
    Map<String, String> scan = Map.of("clientEventId", "dev-1:0001", "person_id", "9000",
        "venue_id", "V9000", "time", "2022-03-01T08:00:00+08:00");
    assertThat(intake.ingestEvent(RecordKind.SCANS, scan).duplicate()).isFalse();
    assertThat(intake.ingestEvent(RecordKind.SCANS, scan).duplicate()).isTrue();
    Map<String, String> sameWithoutId = Map.of("person_id", "9000", "venue_id", "V9000",
        "time", "2022-03-01T00:00:00Z");
    assertThat(intake.ingestEvent(RecordKind.SCANS, sameWithoutId).duplicate()).isTrue();
    assertThat(count("venue_scan", "person_id = 9000")).isEqualTo(1);
    assertThat(count("client_event", "client_event_id = 'dev-1:0001'")).isEqualTo(1);
    assertThatThrownBy(() -> intake.ingestEvent(RecordKind.SCANS, Map.of("clientEventId", "dev-1:0002",
        "person_id", "9001", "venue_id", "V9000", "time", "2022-03-01T08:00:00+08:00")))
        .isInstanceOf(RejectedEventException.class).hasMessageStartingWith("unknown person 9001");
    // a rejected event leaves its client event id free for the corrected re-send
    assertThat(count("client_event", "client_event_id = 'dev-1:0002'")).isZero();
  }

  @Test
  void acceptsRowsInsideTheJurisdictionAndRejectsAStrictUploadWithARowOutsideIt() {
    List<Person> persons = new java.util.ArrayList<>(persons(10_000, 12));
    assertThat(uploadAsTaiyuan(RecordKind.PERSONS, csv(org.cordon.core.exchange.ExchangeFormats.PERSONS,
        persons.subList(0, 6)), false).accepted()).isEqualTo(6);
    persons.set(8, inDatong(persons.get(8)));
    IntakeReport r = uploadAsTaiyuan(RecordKind.PERSONS,
        csv(org.cordon.core.exchange.ExchangeFormats.PERSONS, persons), false);
    assertThat(r.stored()).isFalse();
    assertThat(r.accepted()).isZero();
    assertThat(r.errors()).containsExactly(new RowError(10,
        "home_division 140202001001 is outside your jurisdiction 1401"));
    assertThat(count("person", "person_id between 10000 and 10099")).isEqualTo(6);

    IntakeReport partial = uploadAsTaiyuan(RecordKind.PERSONS,
        csv(org.cordon.core.exchange.ExchangeFormats.PERSONS, persons), true);
    assertThat(partial.stored()).isTrue();
    assertThat(partial.accepted()).isEqualTo(5);
    assertThat(partial.duplicates()).isEqualTo(6);
    assertThat(partial.errors()).extracting(RowError::line).containsExactly(10L);
    assertThat(count("person", "person_id between 10000 and 10099")).isEqualTo(11);
    assertThat(count("person", "person_id = 10008")).isZero();
    // the same row is fine for a caller with the whole country (the demo loader, benchmarks)
    assertThat(upload(RecordKind.PERSONS, csv(org.cordon.core.exchange.ExchangeFormats.PERSONS,
        List.of(persons.get(8))), false).accepted()).isEqualTo(1);
  }

  @Test
  void rejectsVenuesOutsideTheJurisdictionAndScansAtThem() {
    upload(RecordKind.PERSONS, csv(org.cordon.core.exchange.ExchangeFormats.PERSONS, persons(11_000, 4)), false);
    Venue taiyuan = fx.venue(11_000);
    Venue datong = inDatong(fx.venue(11_001));
    IntakeReport venues = uploadAsTaiyuan(RecordKind.VENUES,
        csv(org.cordon.core.exchange.ExchangeFormats.VENUES, List.of(taiyuan, datong)), true);
    assertThat(venues.accepted()).isEqualTo(1);
    assertThat(venues.errors()).containsExactly(new RowError(3,
        "division 140202001 is outside your jurisdiction 1401"));
    // stored by a caller of the whole country, as Datong's command centre could
    assertThat(upload(RecordKind.VENUES, csv(org.cordon.core.exchange.ExchangeFormats.VENUES,
        List.of(datong)), false).accepted()).isEqualTo(1);

    String scans = """
        person_id,venue_id,time
        11000,V11000,2022-03-01T08:00:00+08:00
        11001,V11001,2022-03-01T08:00:00+08:00
        11002,V11000,2022-03-01T09:00:00+08:00
        """;
    IntakeReport strict = uploadAsTaiyuan(RecordKind.SCANS, scans, false);
    assertThat(strict.stored()).isFalse();
    assertThat(strict.errors()).containsExactly(new RowError(3,
        "venue 'V11001' lies in division 140202001, outside your jurisdiction 1401"));
    assertThat(count("venue_scan", "person_id between 11000 and 11999")).isZero();
    IntakeReport partial = uploadAsTaiyuan(RecordKind.SCANS, scans, true);
    assertThat(partial.accepted()).isEqualTo(2);
    assertThat(partial.errors()).extracting(RowError::line).containsExactly(3L);
    assertThat(count("venue_scan", "person_id between 11000 and 11999 and venue_id = 'V11000'"))
        .isEqualTo(2);

    assertThatThrownBy(() -> intake.ingestEvent(RecordKind.SCANS, Map.of("person_id", "11003",
        "venue_id", "V11001", "time", "2022-03-01T08:00:00+08:00"), TAIYUAN))
        .isInstanceOf(RejectedEventException.class)
        .hasMessage("venue 'V11001' lies in division 140202001, outside your jurisdiction 1401");
    assertThat(intake.ingestEvent(RecordKind.SCANS, Map.of("person_id", "11003",
        "venue_id", "V11000", "time", "2022-03-01T08:00:00+08:00"), TAIYUAN).duplicate()).isFalse();
    assertThat(count("venue_scan", "person_id = 11003")).isEqualTo(1);
  }

  @Test
  void takesScansTripsAndDwellsOfPersonsWhoLiveElsewhere() {
    Person visitor = inDatong(fx.person(12_000));
    upload(RecordKind.PERSONS, csv(org.cordon.core.exchange.ExchangeFormats.PERSONS, List.of(visitor)), false);
    upload(RecordKind.VENUES, csv(org.cordon.core.exchange.ExchangeFormats.VENUES, List.of(fx.venue(12_000))),
        false);
    assertThat(uploadAsTaiyuan(RecordKind.SCANS, csv(org.cordon.core.exchange.ExchangeFormats.SCANS,
        List.of(fx.scan(12_000, 12_000))), false).accepted()).isEqualTo(1);
    assertThat(uploadAsTaiyuan(RecordKind.TRIPS, csv(org.cordon.core.exchange.ExchangeFormats.TRIPS,
        List.of(fx.trip(12_000))), false).accepted()).isEqualTo(1);
    assertThat(uploadAsTaiyuan(RecordKind.DWELLS, csv(org.cordon.core.exchange.ExchangeFormats.DWELLS,
        List.of(fx.dwell(12_000))), false).accepted()).isEqualTo(1);
    // the person must still be known
    assertThat(uploadAsTaiyuan(RecordKind.TRIPS, csv(org.cordon.core.exchange.ExchangeFormats.TRIPS,
        List.of(fx.trip(12_001))), false).errors()).extracting(RowError::reason)
        .containsExactly("unknown person 12001 (no person with this person_id is stored)");
  }

  @Test
  void doesNotNameTheHolderOfAnIdentityNumberOutsideTheJurisdiction() {
    Person datong = inDatong(fx.person(13_000));
    upload(RecordKind.PERSONS, csv(org.cordon.core.exchange.ExchangeFormats.PERSONS, List.of(datong)), false);
    Person taiyuan = fx.person(13_001);
    upload(RecordKind.PERSONS, csv(org.cordon.core.exchange.ExchangeFormats.PERSONS, List.of(taiyuan)), false);
    Person takesDatongNumber = new Person(13_100, 1, taiyuan.homeDivision(), datong.idNumber(), "X", null, null);
    Person takesTaiyuanNumber = new Person(13_101, 1, taiyuan.homeDivision(), taiyuan.idNumber(), "Y", null,
        null);
    IntakeReport r = uploadAsTaiyuan(RecordKind.PERSONS, csv(org.cordon.core.exchange.ExchangeFormats.PERSONS,
        List.of(takesDatongNumber, takesTaiyuanNumber)), true);
    assertThat(r.errors()).extracting(RowError::reason).containsExactly(
        "duplicate id_number " + datong.idNumber().masked() + ": it belongs to a person outside your "
            + "jurisdiction",
        "duplicate id_number " + taiyuan.idNumber().masked() + ": it belongs to person_id 13001");
  }
}
