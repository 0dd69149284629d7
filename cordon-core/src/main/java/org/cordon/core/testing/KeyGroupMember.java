package org.cordon.core.testing;

import java.time.Instant;

/**
 * A person's membership of a key group.
 *
 * @param personId the person
 * @param group the key group (must have a schedule in the policy)
 * @param workplaceId where they work (a venue code, an employer id), or {@code null}
 * @param since when they joined: their first window ends {@code windowDays} after it (a grace period)
 */
public record KeyGroupMember(long personId, String group, String workplaceId, Instant since) {
  public KeyGroupMember {
    if (personId <= 0 || group == null || since == null) {
      throw new IllegalArgumentException("a key-group member needs a positive person id, a group and a since time");
    }
  }
}
