package org.cordon.core.testing;

import java.time.Instant;
import java.util.Map;

/**
 * A member's compliance with their group's schedule at one moment.
 *
 * @param personId the person
 * @param group the key group
 * @param workplaceId their workplace, or {@code null}
 * @param compliant true when every quota is met in the window ending now, or the member is in their first window
 * @param taken tests of each scheduled method within the window {@code (asOf − windowDays, asOf]}
 * @param required the schedule's quota
 * @param overdueSince when the member fell short (the earliest moment since which some quota has been
 *     continuously unmet), {@code null} when compliant
 */
public record PersonCompliance(long personId, String group, String workplaceId, boolean compliant,
    Map<TestMethod, Integer> taken, Map<TestMethod, Integer> required, Instant overdueSince) {
  public PersonCompliance {
    taken = Map.copyOf(taken);
    required = Map.copyOf(required);
  }
}
