package org.cordon.server.testing;

import java.util.List;

/**
 * Coverage of a campaign in a division and in each of its child divisions. Targeted: residents of the
 * campaign's target divisions; sampled: of those, screened (a screening sample registered); resulted:
 * of those, with a result on their tube; missed: targeted but not sampled. Children add up to the total.
 */
public record CoverageView(String campaignId, Counts total, List<Counts> children) {

  /** The counts of one division. */
  public record Counts(String division, String name, long targeted, long sampled, long resulted,
      long missed) {
  }
}
