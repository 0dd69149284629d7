package org.cordon.server.tracing;

import java.time.Instant;
import java.util.List;
import org.cordon.core.tracing.TracedContact;

/**
 * Published by {@link CaseConfirmation} inside the transaction that stores a case and its contact
 * list, so that a synchronous listener (follow-up tasks, assist requests) writes in the same
 * transaction: either the case, its contacts and what follows from them are stored, or none is.
 *
 * @param caseId the stored case
 * @param casePersonId the case's person
 * @param contacts the stored contacts (cases themselves left out)
 * @param confirmedBy username of the confirming caller
 * @param confirmedAt when
 */
public record ContactsTraced(long caseId, long casePersonId, List<TracedContact> contacts,
    String confirmedBy, Instant confirmedAt) {
}
