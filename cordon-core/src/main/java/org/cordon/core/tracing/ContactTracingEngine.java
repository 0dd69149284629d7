package org.cordon.core.tracing;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Finds the close contacts, secondary contacts, same-time-space key persons and time-space companions
 * of a set of cases over {@link TracingData}. Pure: the result depends only on the data, the policy,
 * the cases and the as-of time; the engine keeps only scratch tables between calls (no result
 * depends on them) and may be used from any number of threads.
 *
 * <h2>Semantics (numbers from {@link TracingPolicy}; defaults in parentheses)</h2>
 * <ul>
 *   <li>Times are whole seconds; a day is 86,400 s. All intervals are half-open {@code [from, to)}.
 *   <li>A case's <b>end</b> is its isolated time if given, else the as-of time; an isolated time after
 *       the as-of time is cut to the as-of time (a trace as of T knows nothing later). Its <b>contact
 *       window</b> is {@code [onset - 4 d, end)}, its <b>companion window</b>
 *       {@code [onset - 14 d, end)}; an empty or inverted window finds nothing.
 *   <li>A <b>presence</b> is a scan {@code [time, exit)} or, without exit, {@code [time, time + venue
 *       dwell minutes)}; a ride {@code [board, alight)}; a dwell {@code [start, end)}.
 *   <li>Two presences at the same place <b>meet</b> inside a window when the part of their overlap
 *       inside the window, {@code [max(starts, window start), min(ends, window end))}, lasts at least
 *       1 minute; that part is the link's exposure (its start is the first, its end the last
 *       exposure). Touching intervals do not meet; exactly 1 minute does. Each pair of presences is a
 *       link of its own (two visits make two links).
 *   <li>Close contact: every other member of the case's household, exposed over the whole contact
 *       window (first exposure = window start, last = window end), when the window is not empty; a
 *       meeting at a venue of class {@code close}; a meeting on a trip with both seat rows known and at
 *       most 3 rows apart.
 *   <li>Key person: a meeting at a venue of class {@code key}, or on a trip without that seat
 *       condition (a seat row unknown, or more than 3 rows apart).
 *   <li>Companion: a dwell in the same cell overlapping one of the case's dwells by at least 10 minutes
 *       inside the companion window. With the cumulative filter on, only a person whose dwells in that
 *       cell, each cut to the companion window, add up to more than 30 hours.
 *   <li>Close contacts for secondaries are all persons with a close link to a case, <em>including</em>
 *       persons who are themselves cases (not listed, but they still carry the virus onward as close
 *       contacts). A close contact C's secondary window is {@code [C's first close exposure, C's end)}
 *       where C's end is C's case end if C is a case, else the as-of time (contacts are assumed to keep
 *       circulating until then). A secondary link is a close-type link of C (household from the window
 *       start to its end, {@code close} venue meeting, near-seat meeting) inside that window; the
 *       source is C. Secondaries go one level only (no links from secondary contacts).
 *   <li>Cases are never listed. Each other person reached is listed once under the most severe
 *       category (close > secondary > key > companion); being a close contact of any case thereby
 *       rules out being listed as secondary. First exposure and its source, track and place come from
 *       the earliest link of that category; ties go to the lower source person id, then track order
 *       (household, venue, trip, cell), then the lexically smaller place id. Last exposure is the
 *       latest end among the links of that category.
 *   <li>Places: the household id for a household link, else the venue id, trip id or cell id.
 * </ul>
 *
 * <h2>Cost</h2>
 * Per case, one person query per index over its windows and one place query per presence found, plus
 * the matches; then the same for every close contact. Independent of the city size except through the
 * logarithmic searches of the index.
 */
public final class ContactTracingEngine {
  private final TracingPolicy policy;
  private final int workers;
  /**
   * Companion tables (16 bytes a resident) kept for the next trace, one per trace that ran at the same
   * time, so that a trace does not allocate and zero them: they hold nothing a result depends on.
   */
  private final Queue<CompanionTable> spareTables = new ConcurrentLinkedQueue<>();

  /** An engine that splits the cases and the secondary links over all available processors. */
  public ContactTracingEngine(TracingPolicy policy) {
    this(policy, Runtime.getRuntime().availableProcessors());
  }

  /**
   * @param workers into how many parts the cases and the secondary links are split, run on the
   *     common fork-join pool; 1 runs everything on the calling thread. The result does not depend
   *     on it.
   */
  public ContactTracingEngine(TracingPolicy policy, int workers) {
    this.policy = Objects.requireNonNull(policy, "policy");
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
    this.workers = workers;
  }

  public TracingPolicy policy() {
    return policy;
  }

  /**
   * Traces {@code cases} as of {@code asOf}.
   *
   * @return the listed persons sorted by {@link TracedContact#ORDER}, an unmodifiable list that holds
   *     them as columns and makes each {@link TracedContact} when it is read
   * @throws IllegalArgumentException naming a case person unknown to the data or given twice
   */
  public List<TracedContact> trace(TracingData data, Collection<TracingCase> cases, Instant asOf) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(asOf, "asOf");
    CompanionTable spare = spareTables.poll();
    CompanionTable table = spare == null ? new CompanionTable() : spare;
    try {
      return new TraceRun(data, policy, cases, TracingData.indexTime(asOf), workers, table).run();
    } finally {
      table.release();
      spareTables.offer(table);
    }
  }
}
