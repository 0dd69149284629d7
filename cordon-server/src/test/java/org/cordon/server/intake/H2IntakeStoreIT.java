package org.cordon.server.intake;

import org.cordon.server.support.H2TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The intake contract on embedded H2 (PostgreSQL mode), the default database. */
class H2IntakeStoreIT extends IntakeStoreContract {

  static final H2TestDatabase H2 = new H2TestDatabase();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    H2.register(registry);
  }
}
