package org.cordon.server.intake;

import org.cordon.server.support.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The intake contract on PostgreSQL, in a database of its own. */
class PostgresIntakeStoreIT extends IntakeStoreContract {

  @RegisterExtension
  static final PostgresTestDatabase PG = new PostgresTestDatabase();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    PG.register(registry);
  }
}
