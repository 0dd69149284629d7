package org.cordon.server.tracing;

import java.util.Map;

/**
 * The answer to a confirmation: the new case and how many contacts of each category were traced and
 * stored for it.
 *
 * @param contacts category code ({@code close}, {@code secondary}, {@code key}, {@code companion}) →
 *     count, every category present
 * @param tracedInMs wall time of the engine run (without a snapshot rebuild), milliseconds
 */
public record ConfirmedCase(long caseId, long personId, Map<String, Integer> contacts,
    long tracedInMs) {
}
