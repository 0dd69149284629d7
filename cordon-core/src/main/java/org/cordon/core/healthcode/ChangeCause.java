package org.cordon.core.healthcode;

import java.time.Instant;

/** What made a code change. */
public sealed interface ChangeCause {

  /** A fact was applied. */
  record FactApplied(Fact fact) implements ChangeCause {
  }

  /** Time reached {@code due}: an isolation ended, a test fell due, a dated fact took effect. */
  record TimePassed(Instant due) implements ChangeCause {
  }

  /** The policy was replaced and every code re-evaluated. */
  record PolicyChanged(String fromPolicyId, String toPolicyId) implements ChangeCause {
  }
}
