package org.cordon.server.support;

import java.util.UUID;

/**
 * An in-memory H2 database of its own for one test class, in the same PostgreSQL mode as the embedded
 * default, so that the same store tests run on H2 and on {@link PostgresTestDatabase}.
 */
public final class H2TestDatabase {
  private final String url = "jdbc:h2:mem:cordon_" + UUID.randomUUID().toString().replace("-", "")
      + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

  public String url() {
    return url;
  }

  /** Points Spring's data source at this database. */
  public void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", this::url);
    registry.add("spring.datasource.username", () -> "sa");
    registry.add("spring.datasource.password", () -> "");
  }
}
