package org.cordon.server.intake;

import org.cordon.core.exchange.RecordKind;

/**
 * Published by {@link IntakeManagement} after an upload or a single event of {@code kind} has been
 * committed (never for a rolled-back upload), so read-side copies of the presence data (the tracing
 * snapshot) know they are out of date. Listeners run on the intake's thread after the commit.
 *
 * @param kind what was stored: persons, venues, scans, trips or dwells
 */
public record PresenceDataChanged(RecordKind kind) {
}
