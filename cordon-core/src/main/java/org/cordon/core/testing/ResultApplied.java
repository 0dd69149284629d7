package org.cordon.core.testing;

import java.util.List;

/**
 * What applying one tube result changed.
 *
 * @param tubeBarcode the tube
 * @param result the tube's result now
 * @param previous its result before, or {@code null} if it had none
 * @param changed false when the same result was applied again (idempotent: nothing changed)
 * @param recalled persons who became {@link PersonTestStatus#RECALL} now (yellow code, retest task)
 * @param cases persons who became {@link PersonTestStatus#POSITIVE} now (case confirmation, tracing)
 * @param cleared persons who became {@link PersonTestStatus#NEGATIVE} now from recall or positive
 *     (a negative retest, or a corrected result)
 */
public record ResultApplied(String tubeBarcode, TubeResult result, TubeResult previous, boolean changed,
    List<Long> recalled, List<Long> cases, List<Long> cleared) {

  public ResultApplied {
    recalled = List.copyOf(recalled);
    cases = List.copyOf(cases);
    cleared = List.copyOf(cleared);
  }
}
