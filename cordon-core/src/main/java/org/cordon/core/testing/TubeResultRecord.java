package org.cordon.core.testing;

import java.time.Instant;

/**
 * A result as recorded for a tube; a correction supersedes the current record and keeps it in the history.
 *
 * @param result the result
 * @param at when the lab reported it
 * @param source who reported it (a lab id, an upload id), or {@code null}
 */
public record TubeResultRecord(TubeResult result, Instant at, String source) {
}
