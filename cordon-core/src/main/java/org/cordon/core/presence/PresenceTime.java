package org.cordon.core.presence;

import java.time.Instant;

/**
 * The time scale of the presence index: whole seconds since {@link #EPOCH} (2020-01-01T00:00:00Z) in an
 * {@code int}.
 *
 * <p>Resolution is one second, so no rounding happens between the events as stored and the index: an
 * overlap of "at least 1 minute" is an overlap of at least 60 index units. The representable range is
 * {@link #MIN} (1951-12-13T20:45:52Z) to {@link #MAX} (2088-01-19T03:14:07Z); sub-second parts of an
 * {@link Instant} are truncated toward the past.
 */
public final class PresenceTime {
  /** Epoch second of 2020-01-01T00:00:00Z, index time 0. */
  public static final long EPOCH_SECOND = 1_577_836_800L;
  public static final Instant EPOCH = Instant.ofEpochSecond(EPOCH_SECOND);
  public static final Instant MIN = Instant.ofEpochSecond(EPOCH_SECOND + Integer.MIN_VALUE);
  public static final Instant MAX = Instant.ofEpochSecond(EPOCH_SECOND + Integer.MAX_VALUE);

  private PresenceTime() {
  }

  /**
   * Index time of a Unix epoch second.
   *
   * @throws IllegalArgumentException when outside [{@link #MIN}, {@link #MAX}]
   */
  public static int ofEpochSecond(long epochSecond) {
    long t = epochSecond - EPOCH_SECOND;
    if (t < Integer.MIN_VALUE || t > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("time " + Instant.ofEpochSecond(epochSecond)
          + " is outside the presence index range " + MIN + " .. " + MAX);
    }
    return (int) t;
  }

  /** Index time of an instant (sub-second part truncated); see {@link #ofEpochSecond(long)}. */
  public static int of(Instant instant) {
    return ofEpochSecond(instant.getEpochSecond());
  }

  /** Unix epoch second of an index time. */
  public static long toEpochSecond(int time) {
    return EPOCH_SECOND + time;
  }

  public static Instant toInstant(int time) {
    return Instant.ofEpochSecond(EPOCH_SECOND + time);
  }
}
