package org.cordon.core.testing;

import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A key group's routine testing requirement: at least {@code quota[m]} tests of each method {@code m}
 * taken within every sliding window of {@code windowDays} days (24 h each), e.g. couriers
 * {@code 3 pcr + 2 antigen in 5 days}, cold-chain workers {@code 1 pcr in 1 day}.
 *
 * @param group the key group's name (as in {@link TestingPopulation.Builder#group})
 * @param quota tests needed per method, each 1..100, at least one method
 * @param windowDays the window, 1..60 days
 */
public record KeyGroupSchedule(String group, Map<TestMethod, Integer> quota, int windowDays) {

  private static final Pattern PART = Pattern.compile("\\s*([0-9]{1,3})\\s+([a-zA-Z]+)\\s*");
  private static final Pattern WHOLE = Pattern.compile("(.+?)\\s+in\\s+([0-9]{1,3})\\s+days?\\s*");

  public KeyGroupSchedule {
    if (group == null || !group.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException("key group name must be 1..64 of [A-Za-z0-9_.-], got '" + group + "'");
    }
    if (quota == null || quota.isEmpty()) {
      throw new IllegalArgumentException("schedule of " + group + " needs at least one test");
    }
    quota = Map.copyOf(new EnumMap<>(quota));
    for (Map.Entry<TestMethod, Integer> e : quota.entrySet()) {
      if (e.getValue() < 1 || e.getValue() > 100) {
        throw new IllegalArgumentException("schedule of " + group + ": " + e.getKey().code()
            + " tests must be 1..100, got " + e.getValue());
      }
    }
    if (windowDays < 1 || windowDays > 60) {
      throw new IllegalArgumentException("schedule of " + group + ": window must be 1..60 days, got " + windowDays);
    }
  }

  /**
   * Parses {@code <n> <method> [+ <n> <method>]... in <d> days}, e.g. {@code 3 pcr + 2 antigen in 5 days}.
   *
   * @throws IllegalArgumentException saying what the text should look like
   */
  public static KeyGroupSchedule parse(String group, String text) {
    Matcher whole = WHOLE.matcher(text == null ? "" : text.strip());
    if (!whole.matches()) {
      throw new IllegalArgumentException("schedule of " + group
          + " must look like '3 pcr + 2 antigen in 5 days', got '" + text + "'");
    }
    Map<TestMethod, Integer> quota = new EnumMap<>(TestMethod.class);
    for (String part : whole.group(1).split("\\+")) {
      Matcher m = PART.matcher(part);
      if (!m.matches()) {
        throw new IllegalArgumentException("schedule of " + group + ": expected '<count> <pcr|antigen>', got '"
            + part.strip() + "'");
      }
      TestMethod method = TestMethod.parse(m.group(2));
      if (quota.put(method, Integer.parseInt(m.group(1))) != null) {
        throw new IllegalArgumentException("schedule of " + group + " names " + method.code() + " twice");
      }
    }
    return new KeyGroupSchedule(group, quota, Integer.parseInt(whole.group(2)));
  }

  /** Window length in seconds. */
  long windowSeconds() {
    return windowDays * 86_400L;
  }

  /** The schedule as {@link #parse} reads it, PCR first. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    for (TestMethod m : TestMethod.values()) {
      Integer n = quota.get(m);
      if (n != null) {
        sb.append(sb.length() == 0 ? "" : " + ").append(n).append(' ').append(m.code());
      }
    }
    return sb.append(" in ").append(windowDays).append(windowDays == 1 ? " day" : " days").toString();
  }
}
