package org.cordon.core.healthcode;

import java.time.Instant;

/**
 * From {@code since}, the person is ({@code member}) or is no longer a member of the key group
 * {@code group} (e.g. {@code courier}, {@code cold-chain}), whose routine test interval is policy.
 * The first test is due one interval after joining or after the last accepted negative, whichever
 * is later.
 */
public record KeyGroupMembership(long personId, String group, boolean member, Instant since)
    implements Fact {

  public KeyGroupMembership {
    Fact.check(personId, "since", since);
    if (group == null || !group.matches("[a-z0-9-]{1,32}")) {
      throw new IllegalArgumentException("group '" + group + "' must be 1..32 of [a-z0-9-]");
    }
  }

  @Override
  public Instant at() {
    return since;
  }
}
