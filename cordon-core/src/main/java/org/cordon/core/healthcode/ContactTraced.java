package org.cordon.core.healthcode;

import java.time.Instant;
import java.util.Objects;
import org.cordon.core.tracing.ContactCategory;
import org.cordon.core.tracing.TracedContact;

/**
 * The person was determined a contact of {@code category} at {@code tracedAt}.
 *
 * @param sourcePersonId the case (for a secondary contact: the close contact) of the link
 * @param place where the link happened, as shown to people (e.g. {@code venue V123}); may be empty
 * @param exposure the last exposure: regimes count their days from it (9th edition: "隔离管理期限自末次暴露后算起")
 * @param tracedAt when the determination was made; the code changes from then
 */
public record ContactTraced(long personId, ContactCategory category, long sourcePersonId, String place,
    Instant exposure, Instant tracedAt) implements Fact {

  public ContactTraced {
    Fact.check(personId, "traced_at", tracedAt);
    Fact.checkTime("exposure", exposure);
    Objects.requireNonNull(category, "category");
    place = place == null ? "" : place;
    if (exposure.isAfter(tracedAt)) {
      throw new IllegalArgumentException("exposure " + exposure + " is after traced_at " + tracedAt);
    }
  }

  /** The fact for a contact listed by the tracing engine: its last exposure, place {@code track id}. */
  public static ContactTraced of(TracedContact contact, Instant tracedAt) {
    return new ContactTraced(contact.personId(), contact.category(), contact.sourcePersonId(),
        contact.track().code() + " " + contact.place(), contact.lastExposure(), tracedAt);
  }

  @Override
  public Instant at() {
    return tracedAt;
  }
}
