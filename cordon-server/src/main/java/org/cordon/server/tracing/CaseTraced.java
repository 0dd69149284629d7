package org.cordon.server.tracing;

import java.time.Instant;
import java.util.List;
import org.cordon.core.tracing.TracedContact;

/**
 * Published by {@link CaseConfirmation} after a confirmed case and its contact list have been
 * committed, so other capabilities (health codes) act on the new facts at once. Listeners run on the
 * confirming request's thread after the commit.
 *
 * @param caseId the stored case
 * @param personId the case person
 * @param onset symptom onset, or sampling time when asymptomatic
 * @param confirmedAt when the case was confirmed
 * @param contacts the stored contacts with the evidence of their earliest link (cases left out)
 */
public record CaseTraced(long caseId, long personId, Instant onset, Instant confirmedAt,
    List<TracedContact> contacts) {

  public CaseTraced {
    contacts = List.copyOf(contacts);
  }
}
