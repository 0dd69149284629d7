package org.cordon.server.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * A PostgreSQL database of its own for one test class: created with a random name on the local server
 * (default {@code 127.0.0.1:5432}, user {@code postgres}, trust auth; override the server with env
 * {@code CORDON_TEST_PG_HOST} / {@code CORDON_TEST_PG_PORT} / {@code CORDON_TEST_PG_USER}) before the
 * class, dropped after it. Register it as a static field and hand its URL to Spring:
 *
 * <pre>{@code
 * @RegisterExtension static final PostgresTestDatabase PG = new PostgresTestDatabase();
 * @DynamicPropertySource static void db(DynamicPropertyRegistry r) { PG.register(r); }
 * }</pre>
 *
 * <p>If the server cannot be reached the class is skipped with a loud message, unless env
 * {@code CORDON_REQUIRE_POSTGRES=1} (CI), where it fails.
 */
public final class PostgresTestDatabase implements BeforeAllCallback, AfterAllCallback {

  private final String host = env("CORDON_TEST_PG_HOST", "127.0.0.1");
  private final String port = env("CORDON_TEST_PG_PORT", "5432");
  private final String user = env("CORDON_TEST_PG_USER", "postgres");
  private String name;

  @Override
  public void beforeAll(ExtensionContext context) {
    create();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    drop();
  }

  /** Creates the database (skipping or failing as described above); idempotent. */
  public synchronized void create() {
    if (name != null) {
      return;
    }
    String candidate = "cordon_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
        .toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(adminUrl(), user, "");
        Statement st = c.createStatement()) {
      st.execute("create database " + candidate);
      name = candidate;
    } catch (SQLException e) {
      String message = "PostgreSQL at " + host + ":" + port + " is unreachable (" + e.getMessage() + ")";
      if ("1".equals(System.getenv("CORDON_REQUIRE_POSTGRES"))) {
        Assertions.fail(message + " and CORDON_REQUIRE_POSTGRES=1", e);
      }
      System.err.println("\n*** SKIPPING PostgreSQL tests: " + message
          + ". Start it (bin/ensure-test-services) or set CORDON_REQUIRE_POSTGRES=1 to fail. ***\n");
      throw new TestAbortedException(message);
    }
  }

  /** Drops the database, closing whatever connections are still open to it. */
  public synchronized void drop() {
    if (name == null) {
      return;
    }
    try (Connection c = DriverManager.getConnection(adminUrl(), user, "");
        Statement st = c.createStatement()) {
      st.execute("drop database if exists " + name + " with (force)");
      name = null;
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop test database " + name + ": " + e.getMessage(), e);
    }
  }

  /** JDBC URL of the test database. */
  public String url() {
    if (name == null) {
      throw new IllegalStateException("test database not created yet");
    }
    return "jdbc:postgresql://" + host + ":" + port + "/" + name;
  }

  public String user() {
    return user;
  }

  /** Points Spring's data source at this database. */
  public void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", this::url);
    registry.add("spring.datasource.username", this::user);
    registry.add("spring.datasource.password", () -> "");
  }

  private String adminUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/postgres";
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
