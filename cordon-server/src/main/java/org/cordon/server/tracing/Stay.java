package org.cordon.server.tracing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;

/**
 * One stay of one person at one place, as the case page shows it: a venue scan, a ride or a grid-cell
 * dwell, with where the place is.
 *
 * @param track {@code venue}, {@code trip} or {@code cell}
 * @param place venue id, trip id or cell id
 * @param placeName the venue's name; null for trips and cells
 * @param venueKind e.g. {@code restaurant}; null for trips and cells
 * @param contactClass the venue's {@code close} or {@code key}; null for trips (the seats decide) and
 *     cells
 * @param lat the venue's position or the cell's centre; null for trips and unplaced venues
 * @param start when the stay began (scan, boarding, dwell start)
 * @param end its end: exit, alighting or dwell end; for a scan without exit, scan time plus the venue's
 *     dwell minutes ({@code endEstimated})
 * @param seatRow a ride's seat row when known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Stay(String track, String place, String placeName, String venueKind,
    String contactClass, Double lat, Double lon, OffsetDateTime start, OffsetDateTime end,
    boolean endEstimated, Integer seatRow) {
}
