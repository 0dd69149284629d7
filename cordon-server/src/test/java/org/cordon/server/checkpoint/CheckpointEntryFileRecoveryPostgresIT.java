package org.cordon.server.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.cordon.core.exchange.RecordKind;
import org.cordon.server.intake.IntakeManagement;
import org.cordon.server.security.CordonWebTest;
import org.cordon.server.security.FixedClock;
import org.cordon.server.security.Residents;
import org.cordon.server.support.Ingest;
import org.cordon.server.support.PostgresTestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The local entry file across a crash, on PostgreSQL: checks acknowledged (synced to the file) but not
 * yet moved into the tables when the server died are loaded at the next start, once each, before the
 * replay ledger reads the recent checks back.
 */
@CordonWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckpointEntryFileRecoveryPostgresIT {

  @RegisterExtension
  static final PostgresTestDatabase PG = new PostgresTestDatabase();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    PG.create();
    PG.register(registry);
  }

  static final Instant NOW = FixedClock.NOW.toInstant();

  @Autowired
  EntryStore store;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  IntakeManagement intake;
  @Autowired
  ObjectProvider<Clock> clock;

  @TempDir
  Path dir;

  @BeforeAll
  void personsAndVenue() {
    StringBuilder persons = new StringBuilder("person_id,household_id,home_division,id_number,name,"
        + "phone,lat,lon\n");
    for (long id = 15001; id <= 15010; id++) {
      persons.append(id).append(',').append(id).append(",140105006001,")
          .append(Residents.idNumber("140105", id)).append(",居民").append(id).append(",13800001234,37.8,112.5\n");
    }
    Ingest.csv(intake, RecordKind.PERSONS, persons.toString());
    Ingest.csv(intake, RecordKind.VENUES, """
        venue_id,name,kind,division,lat,lon,dwell_minutes,contact_class
        CPFR-GATE,小店商场,supermarket,140105006,37.8,112.5,30,key
        """);
  }

  private CheckpointProperties properties(long loadIntervalMillis) {
    return new CheckpointProperties(null, null, null, null, null, null, null, -1, 1, "file", dir.toString(),
        loadIntervalMillis, 4096L, null);
  }

  private static CheckpointEntry entry(int i) {
    boolean allowed = i % 4 != 0;
    return new CheckpointEntry(NOW.minusSeconds(1200 - i), "CPFR-GATE", 15001 + i % 10, "token:tok_cpfr",
        "9:" + Long.toHexString(0xcf00L + i), allowed ? "green" : "yellow", new BigDecimal("36.4"), true, false, allowed,
        allowed ? "green code: enter" : "yellow code: no entry; get a PCR test");
  }

  private long count(String sql) {
    return jdbc.queryForObject(sql, Long.class);
  }

  @Test
  void checksSyncedButNotLoadedBeforeACrashAreLoadedOnceAtTheNextStartAndTheirTokensStayUsed()
      throws Exception {
    // a loader that would wait an hour: what is acknowledged is in the file only (300 entries: loaded
    // at the restart in one batch, copied into both tables)
    EntryJournal crashed = new EntryJournal(store, properties(3_600_000), jdbc);
    crashed.afterSingletonsInstantiated();
    for (int i = 0; i < 300; i++) {
      crashed.record(entry(i)).get(10, TimeUnit.SECONDS);
    }
    assertThat(count("select count(*) from checkpoint_check where venue_id = 'CPFR-GATE'")).isZero();
    crashed.haltForTest();

    EntryJournal restarted = new EntryJournal(store, properties(50), jdbc);
    restarted.afterSingletonsInstantiated();
    assertThat(restarted.awaitRecovered(java.time.Duration.ofSeconds(30))).isTrue();
    assertThat(count("select count(*) from checkpoint_check where venue_id = 'CPFR-GATE'")).isEqualTo(300);
    assertThat(count("select count(distinct token_id) from checkpoint_check where venue_id = 'CPFR-GATE'"))
        .isEqualTo(300);
    assertThat(count("select count(*) from venue_scan where venue_id = 'CPFR-GATE'")).isEqualTo(225);
    assertThat(count("select count(*) from checkpoint_check c join venue_scan s on s.person_id = c.person_id "
        + "and s.venue_id = c.venue_id and s.scan_time = c.checked_at where c.venue_id = 'CPFR-GATE' and "
        + "c.allowed and c.temperature = 36.4")).isEqualTo(225);
    assertThat(count("select max(loaded_seq) from checkpoint_entry_file")).isEqualTo(300);
    // the replay ledger, read back after the recovery, knows every token shown before the crash
    EntryLedger ledger = new EntryLedger(jdbc, restarted, clock);
    ledger.load();
    assertThat(ledger.size()).isEqualTo(300);

    // new checks after the restart go on from #301, and a clean stop loads them
    restarted.record(entry(300)).get(10, TimeUnit.SECONDS);
    restarted.stop();
    assertThat(count("select count(*) from checkpoint_check where venue_id = 'CPFR-GATE'")).isEqualTo(301);
    assertThat(count("select max(loaded_seq) from checkpoint_entry_file")).isEqualTo(301);

    // a third start finds nothing left to load
    EntryJournal third = new EntryJournal(store, properties(50), jdbc);
    third.afterSingletonsInstantiated();
    assertThat(third.awaitRecovered(java.time.Duration.ofSeconds(30))).isTrue();
    third.stop();
    assertThat(count("select count(*) from checkpoint_check where venue_id = 'CPFR-GATE'")).isEqualTo(301);
  }
}
