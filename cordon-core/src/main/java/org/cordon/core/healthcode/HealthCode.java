package org.cordon.core.healthcode;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A person's health code.
 *
 * @param personId the person
 * @param colour the most severe colour among the active reasons; GREEN when there are none
 * @param reasons every active reason, in {@link Reason#ORDER}
 * @param since when the code took this colour, as recorded by the engine; {@code null} when the person
 *     has never had another colour
 * @param until when the colour will change unless new facts arrive (e.g. end of isolation, a test
 *     falling due); {@code null} when it waits for an event
 * @param policyId the policy that decided it
 */
public record HealthCode(long personId, CodeColour colour, List<Reason> reasons, Instant since,
    Instant until, String policyId) {
  public HealthCode {
    Objects.requireNonNull(colour);
    reasons = List.copyOf(reasons);
  }
}
