package org.cordon.server.testing;

import java.util.List;
import org.cordon.core.testing.CoverageCounts;

/**
 * Coverage of a campaign in a division and in each of its child divisions (every child of the division
 * tree, zeros included), as the core's {@code SamplingRound} counts it: targeted, residents of the
 * campaign's target divisions; sampled, of those, screened; resulted, of those, whose screening tube has
 * a negative or positive result (invalid is not one); missed, targeted but not sampled; recall, now
 * waiting for a single-tube retest; positive, now positive. Children add up to the total.
 */
public record CoverageView(String campaignId, Counts total, List<Counts> children) {

  /** The counts of one division. */
  public record Counts(String division, String name, long targeted, long sampled, long resulted,
      long missed, long recall, long positive) {

    static Counts of(String division, String name, CoverageCounts c) {
      return new Counts(division, name, c.targeted(), c.sampled(), c.resulted(), c.missed(), c.recall(),
          c.positive());
    }
  }
}
