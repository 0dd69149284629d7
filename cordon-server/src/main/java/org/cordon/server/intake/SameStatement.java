package org.cordon.server.intake;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A caller's own insert that {@link IntakeManagement#storeScans(java.util.List, java.util.function.Consumer,
 * SameStatement)} runs in the very statement that stores the scans (PostgreSQL: {@code with caller as
 * (<insert>) insert into venue_scan ...}, committed by itself). One statement in autocommit is one round
 * trip for both tables and the commit, where a transaction needs one for each statement and one more
 * for the commit; it is as atomic (a statement either stores all its rows or none).
 *
 * @param insert a data-modifying statement without {@code returning} and with {@code parameters}
 *     {@code ?} placeholders, e.g. {@code insert into checkpoint_check (...) select ... from unnest(?, ?)}
 * @param parameters how many placeholders {@code insert} has
 * @param binder binds them, as parameters 1..{@code parameters} of the combined statement
 */
public record SameStatement(String insert, int parameters, Binder binder) {

  /** Binds the caller's parameters. */
  @FunctionalInterface
  public interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }
}
