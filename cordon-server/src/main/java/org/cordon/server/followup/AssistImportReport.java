package org.cordon.server.followup;

import java.util.List;

/**
 * What an assist request import did. {@code lines} data lines read; {@code accepted} new requests
 * stored (each with a follow-up task); {@code duplicates} already taken in (by an earlier import, or
 * earlier in this file); {@code skipped} contacts living outside this deployment's or the caller's
 * jurisdiction; {@code personsCreated} persons not known here before; {@code errors} bad lines with
 * their numbers (then nothing is stored, {@code stored} false).
 */
public record AssistImportReport(long lines, int accepted, int duplicates, int skipped,
    int personsCreated, List<LineError> errors, boolean stored) {

  /** A bad line: its number in the file (from 1) and why. */
  public record LineError(long line, String reason) {
  }
}
