package org.cordon.core.healthcode;

import java.util.List;

/**
 * The facts of other persons that a person's rules read: a secondary contact's release looks at its
 * linked close contact's tests ({@link HealthCodePolicy.SecondaryRelease}). The engine answers from its
 * own state; a brute-force evaluator from all facts.
 */
@FunctionalInterface
public interface LinkedFacts {
  /** Nobody else's facts are known: a linked condition is never met. */
  LinkedFacts NONE = personId -> List.of();

  /** The facts of {@code personId} in the order they were applied (empty if none). */
  List<Fact> of(long personId);
}
