package org.cordon.core.tracing;

import java.time.Instant;
import java.util.Comparator;

/**
 * One listed person with the evidence of the link that put them on the list.
 *
 * @param personId the traced person
 * @param category the most severe category the person was reached by
 * @param sourcePersonId the case, or for a secondary contact the close contact, of the earliest link
 *     of that category
 * @param track the track of that earliest link
 * @param place household id, venue id, trip id or cell id of that earliest link, after {@code track}
 * @param firstExposure start of the earliest link of the category (whole seconds)
 * @param lastExposure latest end among the links of the category (exclusive, whole seconds)
 */
public record TracedContact(long personId, ContactCategory category, long sourcePersonId,
    ContactTrack track, String place, Instant firstExposure, Instant lastExposure) {

  /** The output order: category (most severe first), then person id. */
  public static final Comparator<TracedContact> ORDER = Comparator
      .comparing(TracedContact::category).thenComparingLong(TracedContact::personId);
}
