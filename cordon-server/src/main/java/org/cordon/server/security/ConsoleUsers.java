package org.cordon.server.security;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.cordon.core.place.DivisionCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Console accounts in table {@code console_user}. */
@Repository
public class ConsoleUsers {

  private final JdbcClient jdbc;
  private final Clock clock;

  public ConsoleUsers(JdbcClient jdbc, SecurityClock clock) {
    this.jdbc = jdbc;
    this.clock = clock.clock();
  }

  /** The account named {@code username}, if any. */
  public Optional<ConsoleUser> find(String username) {
    return jdbc.sql("select username, display_name, password_hash, role, jurisdiction, enabled "
            + "from console_user where username = ?")
        .param(username)
        .query((rs, n) -> new ConsoleUser(rs.getString(1), rs.getString(2), rs.getString(3),
            Role.valueOf(rs.getString(4)), new DivisionCode(rs.getString(5)), rs.getBoolean(6)))
        .optional();
  }

  /** Adds {@code user} unless an account of that name exists; true if it was added. */
  public boolean createIfAbsent(ConsoleUser user) {
    int rows = jdbc.sql("insert into console_user (username, display_name, password_hash, role, "
            + "jurisdiction, enabled, created_at) select ?, ?, ?, ?, ?, ?, ? "
            + "where not exists (select 1 from console_user where username = ?)")
        .params(user.username(), user.displayName(), user.passwordHash(), user.role().name(),
            user.jurisdiction().value(), user.enabled(), OffsetDateTime.now(clock), user.username())
        .update();
    return rows == 1;
  }

  /** Number of accounts. */
  public long count() {
    return jdbc.sql("select count(*) from console_user").query(Long.class).single();
  }
}
