package org.cordon.core.testing;

import java.time.Instant;

/**
 * A key-group member overdue for testing (feeds the health-code rule "no test in time → yellow").
 *
 * @param personId the person
 * @param since since when they have been overdue (the earliest over their groups)
 */
public record OverduePerson(long personId, Instant since) {
}
