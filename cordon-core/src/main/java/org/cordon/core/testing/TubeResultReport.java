package org.cordon.core.testing;

import java.time.Instant;

/** One tube result in a batch (see {@link SamplingRound#applyResult}). */
public record TubeResultReport(String tubeBarcode, TubeResult result, Instant at, String source) {
}
