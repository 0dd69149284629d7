package org.cordon.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.cordon.server.support.PostgresTestDatabase;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link RoundResultsInPlaceIT} on PostgreSQL, in a database of its own: the staged path of large uploads
 * runs there only. Also there only: a staged upload reads its tubes without row locks, so a sample
 * registered into one of them while it stores makes it a conflict, and nothing is stored.
 */
class RoundResultsInPlacePostgresIT extends RoundResultsInPlaceIT {

  @RegisterExtension
  static final PostgresTestDatabase PG = new PostgresTestDatabase();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    // The Spring context may be built before the extension's beforeAll (per-class test instances).
    PG.create();
    PG.register(registry);
  }

  @Test
  @Order(5)
  void aTubeSampledWhileAStagedUploadStoresItsResultIsAConflict() throws Exception {
    int arraysUpTo = records.stageFrom(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Connection other = jdbc.getDataSource().getConnection()) {
      // a registration's transaction: Q-3 (2 samples, no result) gets a third, not yet committed
      other.setAutoCommit(false);
      try (Statement s = other.createStatement()) {
        s.executeUpdate("update tube set samples = samples + 1 where barcode = 'Q-3'");
      }
      Future<ResultReport> upload = pool.submit(() -> results.apply(LAB, List.of(new LabResult(2, "Q-3",
          "negative", Instant.parse("2026-11-23T07:30:00Z"), null)), "csv"));
      // the upload read Q-3 with 2 samples and now waits for the row to store its result
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (jdbc.queryForObject("select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
          + "and datname = current_database()", Integer.class) == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      other.commit();
      assertThatThrownBy(() -> upload.get(30, TimeUnit.SECONDS)).cause().isInstanceOf(TestingProblem.class)
          .hasMessageContaining("send the upload again");
      assertThat(jdbc.queryForObject("select result from tube where barcode = 'Q-3'", String.class)).isNull();
      assertThat(jdbc.queryForObject("select count(*) from lab_result_upload u where exists (select 1 from "
          + "tube t where t.barcode = 'Q-3' and t.result_id between u.first_result_id and u.last_result_id)",
          Integer.class)).isZero();
    } finally {
      pool.shutdownNow();
      jdbc.update("update tube set samples = samples - 1 where barcode = 'Q-3'");
      records.stageFrom(arraysUpTo);
    }
  }
}
