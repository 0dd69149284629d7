package org.cordon.server.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cordon.core.exchange.ExchangeSyntax;
import org.cordon.core.exchange.RecordKind;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.tracing.TracingData;
import org.cordon.server.intake.IntakeManagement;
import org.cordon.server.intake.IntakeReport;
import org.cordon.server.security.Caller;
import org.cordon.server.security.CordonWebTest;
import org.cordon.server.security.Residents;
import org.cordon.server.security.Role;
import org.cordon.server.support.Ingest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The live presence index behind case confirmation: after it is built once, later uploads and single
 * events are appended (no rebuild), a case confirmed right after a single acknowledged event sees the
 * contact it makes, re-sent rows are not counted twice, and the index always holds exactly the stored
 * events. Persons 8300..8399 and venues LIVEIT-* belong to this test; "now" is 2026-11-23T02:00Z.
 */
@CordonWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveIndexIT {
  static final String STREET = "140105006001";
  static final Caller INVESTIGATOR = new Caller("inv-live", "inv", Role.INVESTIGATOR,
      DivisionCode.of("1401"), null);

  @Autowired
  IntakeManagement intake;
  @Autowired
  PresenceSnapshot snapshot;
  @Autowired
  CaseConfirmation confirmation;
  @Autowired
  JdbcTemplate jdbc;

  @BeforeAll
  void aSmallCity() {
    StringBuilder persons = new StringBuilder("person_id,household_id,home_division,id_number,name,"
        + "phone,lat,lon\n");
    for (long id = 8301; id <= 8310; id++) {
      person(persons, id);
    }
    Ingest.csv(intake, RecordKind.PERSONS, persons.toString());
    Ingest.csv(intake, RecordKind.VENUES, """
        venue_id,name,kind,division,lat,lon,dwell_minutes,contact_class
        LIVEIT-CLOSE,面馆,restaurant,140105006,37.8,112.5,60,close
        """);
    Ingest.csv(intake, RecordKind.SCANS, """
        person_id,venue_id,time,exit_time
        8301,LIVEIT-CLOSE,2026-11-20T04:00:00Z,2026-11-20T05:00:00Z
        8302,LIVEIT-CLOSE,2026-11-20T04:30:00Z,2026-11-20T05:30:00Z
        """);
  }

  private static void person(StringBuilder csv, long id) {
    csv.append(id).append(',').append(id).append(',').append(STREET).append(',')
        .append(Residents.idNumber("140105", id)).append(",居民").append(id)
        .append(",1380000").append(String.format("%04d", id % 10000)).append(",37.8,112.5\n");
  }

  private long storedEvents() {
    return jdbc.queryForObject("select (select count(*) from venue_scan) + (select count(*) from "
        + "trip_ride) + (select count(*) from dwell)", Long.class);
  }

  private Map<String, Integer> confirm(long personId, String onset) {
    return confirmation.confirm(INVESTIGATOR, new CaseRequest(personId, onset, null)).contacts();
  }

  @Test
  @Order(1)
  void aCaseAfterASingleNewEventSeesTheNewContactWithoutARebuild() {
    // other classes of the shared context may have written around intake
    snapshot.invalidate();
    assertThat(confirm(8301, "2026-11-21T08:00:00+08:00")).containsEntry("close", 1);
    long builds = snapshot.fullBuilds();
    long appended = snapshot.appendedRows();

    // a new person arrives, and one scan puts them beside 8303
    StringBuilder newcomer = new StringBuilder("person_id,household_id,home_division,id_number,name,"
        + "phone,lat,lon\n");
    person(newcomer, 8320);
    Ingest.csv(intake, RecordKind.PERSONS, newcomer.toString());
    Ingest.csv(intake, RecordKind.SCANS, """
        person_id,venue_id,time,exit_time
        8303,LIVEIT-CLOSE,2026-11-21T04:00:00Z,2026-11-21T05:00:00Z
        """);
    assertThat(intake.ingestEvent(RecordKind.SCANS, Map.of("person_id", "8320", "venue_id",
        "LIVEIT-CLOSE", "time", "2026-11-21T04:10:00Z", "exit_time", "2026-11-21T04:40:00Z"))
        .duplicate()).isFalse();

    assertThat(confirm(8320, "2026-11-22T08:00:00+08:00")).containsEntry("close", 1);
    assertThat(jdbc.queryForList("select t.person_id from traced_contact t join case_report c "
        + "on c.case_id = t.case_id where c.person_id = 8320", Long.class)).containsExactly(8303L);
    assertThat(snapshot.fullBuilds()).isEqualTo(builds);
    assertThat(snapshot.appendedRows()).isEqualTo(appended + 3);
    assertThat(snapshot.current().events()).isEqualTo(storedEvents());
  }

  @Test
  @Order(2)
  void reSentRowsAreNotCountedTwice() {
    snapshot.current();
    long builds = snapshot.fullBuilds();
    long events = snapshot.current().events();
    // one old row and one new one, then the new one again as a single event
    IntakeReport report = intake.ingest(RecordKind.SCANS, ExchangeSyntax.CSV, new ByteArrayInputStream("""
        person_id,venue_id,time,exit_time
        8301,LIVEIT-CLOSE,2026-11-20T04:00:00Z,2026-11-20T05:00:00Z
        8304,LIVEIT-CLOSE,2026-11-20T07:00:00Z,2026-11-20T08:00:00Z
        """.getBytes(StandardCharsets.UTF_8)), false);
    assertThat(report.duplicates()).isEqualTo(1);
    assertThat(intake.ingestEvent(RecordKind.SCANS, Map.of("person_id", "8304", "venue_id",
        "LIVEIT-CLOSE", "time", "2026-11-20T07:00:00Z", "exit_time", "2026-11-20T08:00:00Z"))
        .duplicate()).isTrue();

    assertThat(snapshot.current().events()).isEqualTo(events + 1).isEqualTo(storedEvents());
    assertThat(snapshot.fullBuilds()).isEqualTo(builds);
  }

  @Test
  @Order(3)
  void uploadsRacingTracesAreNeitherMissedNorHalfSeen() throws Exception {
    snapshot.current();
    long before = snapshot.current().events();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> uploads = new ArrayList<>();
      for (int u = 0; u < 12; u++) {
        int upload = u;
        uploads.add(pool.submit(() -> {
          StringBuilder rows = new StringBuilder("person_id,cell_id,start_time,end_time\n");
          for (int r = 0; r < 5; r++) {
            rows.append(8305 + r).append(",LIVEIT-C").append(upload).append(",2026-11-20T0")
                .append(r).append(":00:00Z,2026-11-20T0").append(r).append(":30:00Z\n");
          }
          Ingest.csv(intake, RecordKind.DWELLS, rows.toString());
        }));
      }
      // traces meanwhile: every upload is seen whole or not at all
      for (int i = 0; i < 40; i++) {
        TracingData d = snapshot.current();
        assertThat((d.events() - before) % 5).as("events beyond the start").isZero();
      }
      for (Future<?> f : uploads) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(snapshot.current().events()).isEqualTo(before + 60).isEqualTo(storedEvents());
  }
}
