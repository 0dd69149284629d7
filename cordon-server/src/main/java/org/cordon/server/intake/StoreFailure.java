package org.cordon.server.intake;

import java.sql.SQLException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;

/** Turns a store's SQL failure into Spring's exceptions, keeping constraint violations apart (409). */
final class StoreFailure {
  private StoreFailure() {
  }

  static DataAccessException of(String what, SQLException e) {
    String state = e.getSQLState();
    if (state != null && state.startsWith("23")) {
      // another upload committed a conflicting row between our check and our insert
      return new DataIntegrityViolationException(what + ": " + e.getMessage(), e);
    }
    return new DataAccessResourceFailureException(what + ": " + e.getMessage(), e);
  }
}
