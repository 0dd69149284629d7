package org.cordon.server.tracing;

import java.time.Instant;
import java.util.List;
import org.cordon.core.tracing.TracedContact;

/**
 * Published by {@link CaseConfirmation} inside the transaction that stores a case and its contact
 * list. A plain listener (follow-up tasks, assist requests) writes in that same transaction, so the
 * case, its contacts and what follows from them are stored together or not at all; a listener that acts
 * outside the database (the health-code engine) listens after the commit.
 *
 * @param caseId the stored case
 * @param personId the case person
 * @param onset symptom onset, or sampling time when asymptomatic
 * @param confirmedBy username of the confirming caller
 * @param confirmedAt when the case was confirmed (and traced)
 * @param contacts the stored contacts with the evidence of their earliest link (cases left out)
 */
public record CaseTraced(long caseId, long personId, Instant onset, String confirmedBy,
    Instant confirmedAt, List<TracedContact> contacts) {

  public CaseTraced {
    contacts = List.copyOf(contacts);
  }
}
