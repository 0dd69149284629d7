package org.cordon.server.tracing;

import java.time.OffsetDateTime;

/**
 * One stored contact of a case as shown to one caller, with the evidence of its earliest link.
 * {@code idNumber} and {@code phone} are masked as in the persons API unless the caller's role may see
 * them in full; {@code idNumberMasked} and {@code phoneMasked} say which.
 *
 * @param via the track: {@code household}, {@code venue}, {@code trip} or {@code cell}
 * @param place household id, venue id, trip id or cell id
 */
public record ContactView(long personId, String name, String homeDivision, String idNumber,
    boolean idNumberMasked, String phone, boolean phoneMasked, String category, long sourcePersonId,
    String via, String place, OffsetDateTime firstExposure, OffsetDateTime lastExposure) {
}
