/**
 * Event intake: persons, venues, venue scans, trip rides and dwells, in bulk (streamed CSV or NDJSON,
 * one transaction per upload, strict or partial) and as single REST events with client event ids.
 * Owns the JDBC stores of those tables (batch inserts on H2, COPY on PostgreSQL) and the in-memory
 * sets of known person and venue ids that make reference checks fast. Entry point for other code:
 * {@link org.cordon.server.intake.IntakeManagement}.
 */
package org.cordon.server.intake;
