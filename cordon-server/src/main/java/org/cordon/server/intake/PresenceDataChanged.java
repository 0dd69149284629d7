package org.cordon.server.intake;

import org.cordon.core.exchange.RecordKind;

/**
 * Published by {@link IntakeManagement} after an upload or a single event of {@code kind} has been
 * committed (never for a rolled-back upload, nor for a single event that was a duplicate), so
 * read-side copies of the presence data (the tracing index) can take in exactly what was added: the
 * rows of the upload are those whose {@code ingest_batch} column is {@code ingestBatch} (see
 * {@link IngestBatches}). Listeners run on the intake's thread after the commit and before the caller
 * is answered, and before the stored ids become known to later checks, so the event of a person's
 * upload is always published before that of a scan naming the person.
 *
 * @param kind what was stored: persons, venues, scans, trips or dwells
 * @param ingestBatch the number every stored row of the upload carries
 */
public record PresenceDataChanged(RecordKind kind, long ingestBatch) {
}
