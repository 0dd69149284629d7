package org.cordon.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.cordon.server.CordonServerApplication;
import org.cordon.server.security.FixedClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code serve --demo} on its own database: the demo city is loaded at start; a restart loads nothing
 * more; a start after a load that stopped halfway (the demo's persons stored, no events) completes the
 * city without storing anything twice.
 */
@SpringBootTest(classes = {CordonServerApplication.class, FixedClock.class}, properties = {
    "spring.datasource.url=jdbc:h2:mem:demo-${random.uuid};MODE=PostgreSQL;"
        + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
    "cordon.demo.enabled=true", "cordon.demo.persons=300", "cordon.demo.days=2"})
class DemoCityLoaderIT {
  @Autowired
  DemoCityLoader loader;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void anInterruptedLoadIsCompletedAndAFinishedOneIsLeftAlone() throws Exception {
    long persons = count("person");
    long venues = count("venue");
    long scans = count("venue_scan");
    long rides = count("trip_ride");
    long dwells = count("dwell");
    assertThat(persons).isEqualTo(300);
    assertThat(scans).isPositive();
    assertThat(dwells).isPositive();

    loader.run(null);
    assertThat(count("venue_scan") + count("trip_ride") + count("dwell"))
        .as("a restart loads nothing more").isEqualTo(scans + rides + dwells);

    // as if the first start had been stopped after persons and venues
    jdbc.update("delete from venue_scan");
    jdbc.update("delete from trip_ride");
    jdbc.update("delete from dwell");
    loader.run(null);
    assertThat(count("person")).isEqualTo(persons);
    assertThat(count("venue")).isEqualTo(venues);
    assertThat(count("venue_scan")).isEqualTo(scans);
    assertThat(count("trip_ride")).isEqualTo(rides);
    assertThat(count("dwell")).isEqualTo(dwells);
  }

  private long count(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Long.class);
  }
}
