/**
 * Presence: where people were and when (venue scans, trip rides, phone dwells in grid cells), and the
 * in-memory columnar index the tracing engines query.
 *
 * <p>Use: share one {@link org.cordon.core.presence.PersonDictionary} among one
 * {@link org.cordon.core.presence.PresenceIndexBuilder} per kind ({@code scans}, {@code rides},
 * {@code cells}), append rows in any order, {@code build()} (or {@code buildLive(n)} to keep appending),
 * then query {@link org.cordon.core.presence.PresenceIndex#forEachAtPlace} and
 * {@link org.cordon.core.presence.PresenceIndex#forEachOfPerson} with dense ids and
 * {@link org.cordon.core.presence.PresenceTime} seconds. A dense person id means the same person in
 * every index built on the same dictionary. Intervals are half-open {@code [start, end)}; a scan
 * without exit ends after its venue's dwell minutes.
 */
package org.cordon.core.presence;
