package org.cordon.server.intake;

import java.util.List;

/** What writing one chunk did: rows inserted, identical rows already stored, rows refused by the store. */
record ChunkOutcome(int inserted, int duplicates, List<RowError> errors) {
}
