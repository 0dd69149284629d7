package org.cordon.core.testing;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one tube of a round.
 *
 * @param barcode the tube's barcode
 * @param siteId where it was opened
 * @param capacity its pool size (samples it may hold)
 * @param persons the persons sampled into it, in order of sampling
 * @param openedAt when the collector opened it
 * @param firstSampleAt when its first sample was taken ({@code null} while empty): the start of its turnaround
 * @param closedAt when it was closed (full, by the collector, or on lab receipt), else {@code null}
 * @param receivedAt when the lab received it, else {@code null}
 * @param result its current result, else {@code null}
 * @param history every result recorded for it, oldest first (the last is the current one)
 */
public record Tube(String barcode, String siteId, int capacity, List<Long> persons, Instant openedAt,
    Instant firstSampleAt, Instant closedAt, Instant receivedAt, TubeResultRecord result,
    List<TubeResultRecord> history) {

  public Tube {
    persons = List.copyOf(persons);
    history = List.copyOf(history);
  }

  /** Whether more samples may go in. */
  public boolean isOpen() {
    return closedAt == null;
  }
}
