package org.cordon.server.tracing;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A case as its page shows it. The person's identity number and phone are masked as in the persons
 * API unless the caller's role may see them ({@code idNumberMasked}, {@code phoneMasked} say which).
 *
 * @param tracedAsOf when the contacts were traced (the confirmation): a case not isolated by then was
 *     traced up to it
 * @param contactWindow {@code [onset − contact-window-days, isolated or tracedAsOf)}: close contacts
 *     and key persons
 * @param companionWindow {@code [onset − companion-window-days, ...)}: time-space companions
 * @param contacts stored contacts per category code (all of them, wherever they live)
 */
public record CaseDetail(long caseId, long personId, String name, String homeDivision,
    String homeDivisionName, String idNumber, boolean idNumberMasked, String phone,
    boolean phoneMasked, OffsetDateTime onsetTime, OffsetDateTime isolatedTime, String confirmedBy,
    OffsetDateTime tracedAsOf, TimeWindow contactWindow, TimeWindow companionWindow,
    Map<String, Long> contacts) {
}
