package org.cordon.server.checkpoint;

import org.cordon.server.support.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link CheckpointFileJournalIT} on PostgreSQL, in a database of its own: {@link CheckpointApiIT} with
 * the checks made durable in the local entry file and moved into the tables by its loader.
 */
class CheckpointFileJournalPostgresIT extends CheckpointFileJournalIT {

  @RegisterExtension
  static final PostgresTestDatabase PG = new PostgresTestDatabase();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    PG.create();
    PG.register(registry);
  }
}
