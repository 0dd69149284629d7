package org.cordon.server.intake;

import java.util.List;

/** What writing one chunk did: rows inserted, identical rows already stored, rows refused by the store. */
record ChunkOutcome(int inserted, int duplicates, List<RowError> errors) {

  /** Nothing written, nothing refused. */
  static final ChunkOutcome NONE = new ChunkOutcome(0, 0, List.of());

  /** Both outcomes together. */
  ChunkOutcome plus(ChunkOutcome other) {
    List<RowError> all = new java.util.ArrayList<>(errors);
    all.addAll(other.errors);
    return new ChunkOutcome(inserted + other.inserted, duplicates + other.duplicates, List.copyOf(all));
  }
}
