/**
 * Contact tracing, "four tracks in one": close contacts, secondary contacts, same-time-space key persons
 * and time-space companions of a set of cases, found over the presence indexes (venue scans, trip
 * rides, grid-cell dwells) and the households, with the evidence (source, track, place, times) of every
 * listed person. The semantics are in {@link org.cordon.core.tracing.ContactTracingEngine}, every number
 * in {@link org.cordon.core.tracing.TracingPolicy}.
 */
package org.cordon.core.tracing;
