package org.cordon.core.healthcode;

/**
 * How one kind of fact (a case, a contact category, an arrival) colours a code over time.
 *
 * <p>From the fact's time the code has {@code colour} until the person is released. Release is the
 * earlier of an {@link IsolationEnded} at or after the fact and, when {@code autoRelease}, the automatic
 * release: the later of (anchor + {@code minDays}) and the sample time of the {@code negativeTests}-th
 * negative PCR sampled after the anchor, counted greedily in sample order with at least
 * {@code testSpacingHours} between counted samples. The anchor is the last exposure for a contact, the
 * arrival time for an arrival, the confirmation for a case. After release the code has
 * {@code monitoringColour} for {@code monitoringDays} (home health monitoring, 居家健康监测).
 *
 * <p>A colour of GREEN switches the phase off (no reason is reported). Days are 24-hour days.
 *
 * @param colour colour while under the regime
 * @param minDays the regime lasts at least this many days from the anchor (0..60)
 * @param negativeTests negative PCR samples after the anchor needed for automatic release (0..20)
 * @param testSpacingHours minimum hours between two counted samples (0..240)
 * @param autoRelease whether the regime ends by itself (days + tests); otherwise only by release
 * @param monitoringDays days of monitoring after release (0..60)
 * @param monitoringColour colour during monitoring
 */
public record Regime(CodeColour colour, int minDays, int negativeTests, int testSpacingHours,
    boolean autoRelease, int monitoringDays, CodeColour monitoringColour) {

  public Regime {
    if (colour == null || monitoringColour == null) {
      throw new IllegalArgumentException("regime colours are required");
    }
    range("min-days", minDays, 0, 60);
    range("negative-tests", negativeTests, 0, 20);
    range("test-spacing-hours", testSpacingHours, 0, 240);
    range("monitoring-days", monitoringDays, 0, 60);
  }

  /** A regime that does nothing (never colours a code). */
  public static Regime off() {
    return new Regime(CodeColour.GREEN, 0, 0, 0, true, 0, CodeColour.GREEN);
  }

  private static void range(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(key + " must be " + min + ".." + max + ", got " + value);
    }
  }
}
