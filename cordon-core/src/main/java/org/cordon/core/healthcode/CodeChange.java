package org.cordon.core.healthcode;

import java.time.Instant;
import java.util.List;

/**
 * A change of a person's code: its colour or its reasons (or both) changed at {@code at}.
 *
 * @param reasons the reasons after the change, in {@link Reason#ORDER}
 */
public record CodeChange(long personId, CodeColour from, CodeColour to, List<Reason> reasons,
    ChangeCause cause, Instant at) {
  public CodeChange {
    reasons = List.copyOf(reasons);
  }

  /** Whether the colour itself changed (reasons-only changes keep it). */
  public boolean colourChanged() {
    return from != to;
  }
}
