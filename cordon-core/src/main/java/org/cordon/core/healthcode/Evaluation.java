package org.cordon.core.healthcode;

import java.time.Instant;
import java.util.List;

/**
 * The result of evaluating one person's facts at one instant.
 *
 * @param colour the most severe colour of {@code reasons}, GREEN when there are none
 * @param reasons the active reasons in {@link Reason#ORDER}
 * @param nextChange the earliest instant after the evaluation time at which the result may differ
 *     without new facts ({@code null}: never); the engine's timer fires then
 */
public record Evaluation(CodeColour colour, List<Reason> reasons, Instant nextChange) {
  /** A person with no active reason and nothing scheduled. */
  public static final Evaluation GREEN = new Evaluation(CodeColour.GREEN, List.of(), null);
}
