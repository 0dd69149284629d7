package org.cordon.core.testing;

/**
 * Coverage counts of targeted persons in one division or grid cell.
 *
 * @param targeted persons the campaign targets there
 * @param sampled of those, sampled (first sample) in the round
 * @param resulted of those, whose first tube has a usable result (negative or positive; invalid is not one)
 * @param missed targeted but not sampled ({@code targeted − sampled}): the 不漏一人 list
 * @param recall now on the recall list
 * @param positive now positive (cases)
 */
public record CoverageCounts(long targeted, long sampled, long resulted, long missed, long recall, long positive) {

  /** Number of counted fields in the engine's arrays (targeted, sampled, resulted, recall, positive). */
  static final int FIELDS = 5;

  /** No one. */
  public static final CoverageCounts ZERO = new CoverageCounts(0, 0, 0, 0, 0, 0);

  static CoverageCounts of(long targeted, long sampled, long resulted, long recall, long positive) {
    return new CoverageCounts(targeted, sampled, resulted, targeted - sampled, recall, positive);
  }

  /** The field-wise sum. */
  public CoverageCounts plus(CoverageCounts o) {
    return new CoverageCounts(targeted + o.targeted, sampled + o.sampled, resulted + o.resulted,
        missed + o.missed, recall + o.recall, positive + o.positive);
  }

  /** Sampled share of the targeted, 0..1 (1 when nobody is targeted). */
  public double sampledShare() {
    return targeted == 0 ? 1.0 : (double) sampled / targeted;
  }
}
