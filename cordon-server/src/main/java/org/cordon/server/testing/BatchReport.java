package org.cordon.server.testing;

import java.util.List;

/**
 * The answer to a CSV upload (samples or lab results): all rows are stored or none is.
 *
 * @param lines data lines read (the header not counted)
 * @param accepted rows stored (0 when {@code stored} is false)
 * @param duplicates rows that repeat what is stored already (a re-sent result), counted in accepted
 * @param errors the bad rows with their line numbers and reasons, capped at {@link #MAX_ERRORS}
 * @param stored whether the upload was committed
 */
public record BatchReport(long lines, long accepted, long duplicates, List<RowError> errors,
    boolean stored) {

  /** Errors reported per upload; the rest are counted in {@code lines} only. */
  public static final int MAX_ERRORS = 1000;

  /** A bad row: its line (1 is the header) and what is wrong with it. */
  public record RowError(long line, String reason) {
  }
}
