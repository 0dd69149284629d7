package org.cordon.server.tracing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The evidence of a contact's link, re-read from the presence data: the source's stays and the
 * contact's stays at the link's place inside the link's window, and every pair of them that overlaps.
 * A household link has no stays: the two share a household over the whole window.
 *
 * @param window the contact window of the case (close, key), its companion window (companion), or for a
 *     secondary contact {@code [the close contact's first exposure, the trace)}
 * @param minimumOverlapMinutes how long an overlap must last to count (the policy's; the companion
 *     minimum for cells)
 * @param maxSeatRowDistance for a trip, seat rows at most this far apart make a close contact
 * @param source stays of the source at the place (indexes for {@link Overlap#source()})
 * @param contact stays of the contact at the place
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinkEvidence(long caseId, long personId, String name, String category,
    long sourcePersonId, String sourceName, boolean sourceWithheld, String via, String place,
    String placeName, TimeWindow window, int minimumOverlapMinutes, Integer maxSeatRowDistance,
    OffsetDateTime firstExposure, OffsetDateTime lastExposure, List<Stay> source, List<Stay> contact,
    List<Overlap> overlaps) {

  /**
   * Stays {@code source} and {@code contact} (indexes into the lists; -1 for a household) overlap
   * inside the window over {@code [from, to)}.
   *
   * @param meets whether this overlap makes the link: long enough (and, on a trip for a close contact,
   *     seats near enough)
   * @param seatRowsApart on a trip with both seat rows known, how far apart they are
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Overlap(int source, int contact, OffsetDateTime from, OffsetDateTime to, long seconds,
      boolean meets, Integer seatRowsApart) {
  }
}
