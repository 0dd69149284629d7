package org.cordon.server.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.stream.Stream;
import org.cordon.core.city.CityParameters;
import org.cordon.core.city.CsvCityWriter;
import org.cordon.core.city.SyntheticCity;
import org.cordon.core.exchange.ExchangeSyntax;
import org.cordon.core.exchange.RecordKind;
import org.cordon.core.place.CountyBoundaries;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.DivisionTree;
import org.cordon.server.intake.IntakeManagement;
import org.cordon.server.intake.IntakeReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Loads the demo city on the first start of {@code serve --demo}: generates it as exchange CSV files
 * and feeds them through the same bulk intake a command centre uses, so the demo exercises the real
 * path. Skipped when persons are already stored (a restart keeps the data), unless they are exactly the
 * demo's persons and no dwells were stored yet: then an earlier start was stopped while loading, and
 * the load is run again (intake skips the rows already stored).
 */
@Component
@ConditionalOnProperty(name = "cordon.demo.enabled", havingValue = "true")
class DemoCityLoader implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(DemoCityLoader.class);
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private final DemoProperties properties;
  private final IntakeManagement intake;
  private final JdbcTemplate jdbc;
  private final DivisionTree tree;
  private final CountyBoundaries boundaries;
  private final Clock clock;

  DemoCityLoader(DemoProperties properties, IntakeManagement intake, JdbcTemplate jdbc,
      DivisionTree tree, CountyBoundaries boundaries, ObjectProvider<Clock> clock) {
    this.properties = properties;
    this.intake = intake;
    this.jdbc = jdbc;
    this.tree = tree;
    this.boundaries = boundaries;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    long persons = count("person");
    long dwells = count("dwell");
    if (persons > 0 && (dwells > 0 || persons != properties.persons())) {
      log.info("Demo city: {} persons already stored, nothing to load", persons);
      return;
    }
    if (persons > 0) {
      // the demo's persons and no dwells (the last kind loaded): an earlier start stopped while
      // loading; intake skips the rows already stored, so loading again completes the city
      log.info("Demo city: an earlier load stopped before its end ({} persons, no dwells); loading "
          + "the rest", persons);
    }
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZONE);
    CityParameters params = new CityParameters(properties.persons(), properties.days(),
        properties.seed(), DivisionCode.of(properties.division()),
        today.minusDays(properties.days() - 1L), ZONE);
    Path dir = Files.createTempDirectory("cordon-demo-city");
    try {
      log.info("Demo city: generating {} persons x {} days under {} ...", params.persons(),
          params.days(), properties.division());
      try (CsvCityWriter writer = new CsvCityWriter(dir, null)) {
        new SyntheticCity(tree, boundaries).generate(params, new UntilNowSink(writer, now));
        log.info("Demo city: generated {}", writer.summary());
      }
      for (RecordKind kind : RecordKind.values()) {
        long began = System.nanoTime();
        try (InputStream in = Files.newInputStream(dir.resolve(kind.fileName()))) {
          IntakeReport report = intake.ingest(kind, ExchangeSyntax.CSV, in, false);
          if (!report.stored()) {
            throw new IllegalStateException("demo " + kind.code() + " rejected: " + report.errors());
          }
          log.info("Demo city: {} {} stored in {} ms", report.accepted(), kind.code(),
              (System.nanoTime() - began) / 1_000_000);
        }
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private long count(String table) {
    Long n = jdbc.queryForObject("select count(*) from " + table, Long.class);
    return n == null ? 0 : n;
  }
}
