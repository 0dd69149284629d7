package org.cordon.server.testing;

import java.util.List;

/**
 * Published after a positive pool's result is committed: {@code persons} are recalled for a
 * single-tube retest. The health-code rules listen for it (a yellow code with the reason "positive
 * pool, retest due") without depending on this package's internals.
 */
public record RecallsOpened(String campaignId, String tube, List<Long> persons) {
}
