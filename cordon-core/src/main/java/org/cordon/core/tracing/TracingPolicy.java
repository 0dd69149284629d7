package org.cordon.core.tracing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.cordon.core.policy.PolicyFile;

/**
 * Every number of the tracing semantics (see {@link ContactTracingEngine}).
 *
 * @param contactWindowDays a case's contact window opens this many days (of 86,400 s) before onset
 *     (0..60; default 4)
 * @param companionWindowDays a case's companion window opens this many days before onset (0..60;
 *     default 14)
 * @param minimumOverlapMinutes two presences meet when their overlap inside the window lasts at least
 *     this long (1..1440; default 1)
 * @param maxSeatRowDistance seat rows at most this far apart on one trip make a close contact
 *     (0..998; default 3)
 * @param companionMinimumOverlapMinutes a companion's dwell overlaps one of the case's dwells in the
 *     same cell by at least this long (1..1440; default 10)
 * @param companionCumulativeFilter when true, a companion must also have dwelt in that cell for more
 *     than {@code companionCumulativeHours} in total inside the case's companion window (default off)
 * @param companionCumulativeHours the threshold of that filter (1..1440; default 30)
 */
public record TracingPolicy(int contactWindowDays, int companionWindowDays, int minimumOverlapMinutes,
    int maxSeatRowDistance, int companionMinimumOverlapMinutes, boolean companionCumulativeFilter,
    int companionCumulativeHours) {

  /** The keys of a policy file, in the order {@link #toFileText()} writes them. */
  public static final List<String> KEYS = List.of("contact-window-days", "companion-window-days",
      "minimum-overlap-minutes", "max-seat-row-distance", "companion-minimum-overlap-minutes",
      "companion-cumulative-filter", "companion-cumulative-hours");

  public TracingPolicy {
    range("contact-window-days", contactWindowDays, 0, 60);
    range("companion-window-days", companionWindowDays, 0, 60);
    range("minimum-overlap-minutes", minimumOverlapMinutes, 1, 1440);
    range("max-seat-row-distance", maxSeatRowDistance, 0, 998);
    range("companion-minimum-overlap-minutes", companionMinimumOverlapMinutes, 1, 1440);
    range("companion-cumulative-hours", companionCumulativeHours, 1, 1440);
  }

  /** The default policy: 4 and 14 days, 1 minute, 3 rows, 10 minutes, filter off (30 h). */
  public static TracingPolicy defaults() {
    return new TracingPolicy(4, 14, 1, 3, 10, false, 30);
  }

  int contactWindowSeconds() {
    return contactWindowDays * 86_400;
  }

  int companionWindowSeconds() {
    return companionWindowDays * 86_400;
  }

  int minimumOverlapSeconds() {
    return minimumOverlapMinutes * 60;
  }

  int companionMinimumOverlapSeconds() {
    return companionMinimumOverlapMinutes * 60;
  }

  long companionCumulativeSeconds() {
    return companionCumulativeHours * 3600L;
  }

  /** Reads a policy file; see {@link #parse(Reader, String)}. */
  public static TracingPolicy read(Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("policy file " + file + " does not exist");
    } catch (IOException e) {
      throw new UncheckedIOException("reading policy file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses a policy file: a flat YAML subset, one {@code key: value} per line ({@code key = value} is
   * accepted too), {@code #} starts a comment, blank lines are ignored. Keys are those of
   * {@link #KEYS}; a key left out keeps its {@link #defaults()} value. Integers are plain decimal
   * numbers, the filter is {@code true} or {@code false}.
   *
   * @param source name of the input for messages (e.g. the file name)
   * @throws IllegalArgumentException naming the source, line and key of every unknown or repeated key,
   *     malformed line or bad value (all problems at once)
   */
  public static TracingPolicy parse(Reader in, String source) {
    PolicyFile f = PolicyFile.parse(in, source, KEYS::contains, String.join(", ", KEYS));
    TracingPolicy d = defaults();
    // the format only here; the ranges are the record's, checked once below
    int any = 999_999_999;
    int contact = f.integer("contact-window-days", d.contactWindowDays, 0, any);
    int companion = f.integer("companion-window-days", d.companionWindowDays, 0, any);
    int overlap = f.integer("minimum-overlap-minutes", d.minimumOverlapMinutes, 0, any);
    int seats = f.integer("max-seat-row-distance", d.maxSeatRowDistance, 0, any);
    int companionOverlap = f.integer("companion-minimum-overlap-minutes", d.companionMinimumOverlapMinutes, 0, any);
    boolean filter = f.bool("companion-cumulative-filter", d.companionCumulativeFilter);
    int hours = f.integer("companion-cumulative-hours", d.companionCumulativeHours, 0, any);
    TracingPolicy policy = null;
    try {
      policy = new TracingPolicy(contact, companion, overlap, seats, companionOverlap, filter, hours);
    } catch (IllegalArgumentException e) {
      f.problem(e.getMessage());
    }
    f.check("tracing policy");
    return policy;
  }

  /** This policy as a policy file {@link #parse(Reader, String)} reads back. */
  public String toFileText() {
    return "contact-window-days: " + contactWindowDays + "\n"
        + "companion-window-days: " + companionWindowDays + "\n"
        + "minimum-overlap-minutes: " + minimumOverlapMinutes + "\n"
        + "max-seat-row-distance: " + maxSeatRowDistance + "\n"
        + "companion-minimum-overlap-minutes: " + companionMinimumOverlapMinutes + "\n"
        + "companion-cumulative-filter: " + companionCumulativeFilter + "\n"
        + "companion-cumulative-hours: " + companionCumulativeHours + "\n";
  }




  private static void range(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(key + " must be " + min + ".." + max + ", got " + value);
    }
  }
}
