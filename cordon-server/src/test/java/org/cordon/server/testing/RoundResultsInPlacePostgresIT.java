package org.cordon.server.testing;

import org.cordon.server.support.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link RoundResultsInPlaceIT} on PostgreSQL, in a database of its own: the staged path of large uploads runs there only. */
class RoundResultsInPlacePostgresIT extends RoundResultsInPlaceIT {

  @RegisterExtension
  static final PostgresTestDatabase PG = new PostgresTestDatabase();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    // The Spring context may be built before the extension's beforeAll (per-class test instances).
    PG.create();
    PG.register(registry);
  }
}
