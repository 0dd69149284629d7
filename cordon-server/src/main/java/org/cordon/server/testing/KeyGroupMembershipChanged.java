package org.cordon.server.testing;

import java.time.Instant;
import java.util.List;

/**
 * Published inside the transaction that changes the key-group register, so listeners act after its
 * commit: the health codes record each change as a {@code KeyGroupMembership} fact (whose rule turns a
 * member yellow without a negative test within the health-code policy's interval). Testing publishes
 * and the health codes listen because {@code healthcode} already depends on {@code testing}.
 *
 * @param changes one per membership that began or ended
 */
public record KeyGroupMembershipChanged(List<Change> changes) {

  public KeyGroupMembershipChanged {
    changes = List.copyOf(changes);
  }

  /**
   * A membership that began ({@code member}) or ended at {@code since}.
   *
   * @param group the key group, as named in the testing policy's schedules
   */
  public record Change(long personId, String group, boolean member, Instant since) {
  }
}
