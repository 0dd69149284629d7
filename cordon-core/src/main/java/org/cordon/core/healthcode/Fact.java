package org.cordon.core.healthcode;

import java.time.Instant;

/**
 * Something known about a person that a health-code rule can act on. A fact takes effect at
 * {@link #at()}: before that instant the rules ignore it (so a fact dated in the future, e.g. a zone
 * change announced for midnight, fires from the timer when its time comes). Facts are never changed;
 * a correction is a new fact (e.g. {@link IsolationEnded}, a {@link ZoneMembership} with level NONE),
 * and a lab's correction of a tube is a new fact naming the same tube, which replaces the earlier one
 * ({@link TestResult#tube()}, {@link PoolRecalled}, {@link ResultWithdrawn}).
 */
public sealed interface Fact permits CaseConfirmed, ContactTraced, TestResult, IsolationStarted,
    IsolationEnded, ArrivalRecorded, ZoneMembership, KeyGroupMembership, PoolRecalled, ResultWithdrawn {

  /** Earliest instant the engine accepts in a fact (times are kept in epoch nanoseconds). */
  Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
  /** Latest instant the engine accepts in a fact. */
  Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

  /** The person the fact is about (the platform's positive person id). */
  long personId();

  /** When the fact takes effect. */
  Instant at();

  /** Checks the person id and a time of a fact. */
  static void check(long personId, String field, Instant time) {
    if (personId <= 0) {
      throw new IllegalArgumentException("person_id must be positive, got " + personId);
    }
    checkTime(field, time);
  }

  /** Checks that a time is present and in the range the engine keeps. */
  static void checkTime(String field, Instant time) {
    if (time == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
      throw new IllegalArgumentException(field + " " + time + " is outside " + EARLIEST + ".." + LATEST);
    }
  }

  /** The longest tube barcode a fact keeps (the testing tables' column width). */
  int MAX_TUBE_LENGTH = 64;

  /** A tube barcode, stripped ({@code null} reads as none, ""). */
  static String tube(String tube) {
    String t = tube == null ? "" : tube.strip();
    if (t.length() > MAX_TUBE_LENGTH) {
      throw new IllegalArgumentException("tube '" + t + "' is longer than " + MAX_TUBE_LENGTH + " characters");
    }
    return t;
  }
}
