package org.cordon.server.intake;

import java.util.ArrayList;
import java.util.List;

/** Counts of one upload as it streams, with the first {@code maxErrors} row errors. */
final class ReportBuilder {
  private final String kind;
  private final int maxErrors;
  private final List<RowError> errors = new ArrayList<>();
  long lines;
  long accepted;
  long duplicates;
  long rejected;

  ReportBuilder(String kind, int maxErrors) {
    this.kind = kind;
    this.maxErrors = maxErrors;
  }

  void reject(long line, String reason) {
    rejected++;
    if (errors.size() < maxErrors) {
      errors.add(new RowError(line, reason));
    }
  }

  void add(ChunkOutcome outcome) {
    accepted += outcome.inserted();
    duplicates += outcome.duplicates();
    for (RowError e : outcome.errors()) {
      reject(e.line(), e.reason());
    }
  }

  boolean errorsFull() {
    return rejected >= maxErrors;
  }

  IntakeReport build(boolean stored) {
    List<RowError> sorted = new ArrayList<>(errors);
    // store-found errors arrive per chunk, after the parse errors of later lines
    sorted.sort((a, b) -> Long.compare(a.line(), b.line()));
    return new IntakeReport(kind, lines, stored ? accepted : 0, stored ? duplicates : 0, rejected,
        List.copyOf(sorted), rejected > errors.size(), stored);
  }
}
