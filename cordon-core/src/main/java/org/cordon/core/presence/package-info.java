/**
 * Presence: where people were and when (venue scans, trip rides, phone dwells in grid cells), and the
 * in-memory columnar index the tracing engines query.
 */
package org.cordon.core.presence;
