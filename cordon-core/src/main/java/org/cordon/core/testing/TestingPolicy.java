package org.cordon.core.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.cordon.core.policy.PolicyFile;

/**
 * Every number of mass testing that is policy, not code ({@code policy/testing-default.yaml}).
 *
 * @param defaultPoolSize samples per tube of a new campaign unless it says otherwise (default 10, 10合1)
 * @param poolSizes the pool sizes used in the field, which the planner compares (default 1, 5, 10, 20)
 * @param turnaroundLimitHours a tube without a result this long after its first sample raises an alarm
 *     (1..168; default 6)
 * @param schedules the key groups' routine testing schedules, at most one per group
 */
public record TestingPolicy(int defaultPoolSize, List<Integer> poolSizes, int turnaroundLimitHours,
    List<KeyGroupSchedule> schedules) {

  private static final String SCHEDULE = "schedule.";
  private static final List<String> KEYS = List.of("default-pool-size", "pool-sizes",
      "turnaround-limit-hours");

  public TestingPolicy {
    Campaign.requirePoolSize(defaultPoolSize);
    poolSizes = List.copyOf(poolSizes);
    if (poolSizes.isEmpty()) {
      throw new IllegalArgumentException("pool-sizes needs at least one size");
    }
    for (int k : poolSizes) {
      Campaign.requirePoolSize(k);
    }
    if (turnaroundLimitHours < 1 || turnaroundLimitHours > 168) {
      throw new IllegalArgumentException("turnaround-limit-hours must be 1..168, got " + turnaroundLimitHours);
    }
    schedules = List.copyOf(schedules);
    for (int i = 0; i < schedules.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (schedules.get(i).group().equals(schedules.get(j).group())) {
          throw new IllegalArgumentException("key group " + schedules.get(i).group() + " has two schedules");
        }
      }
    }
  }

  /**
   * The shipped defaults: 10 a tube; sizes 1, 5, 10, 20; 6 h turnaround; couriers 3 PCR + 2 antigen in
   * 5 days; cold-chain workers a PCR test every day.
   */
  public static TestingPolicy defaults() {
    return new TestingPolicy(10, PoolPlanner.FIELD_SIZES, 6, List.of(
        KeyGroupSchedule.parse("courier", "3 pcr + 2 antigen in 5 days"),
        KeyGroupSchedule.parse("cold-chain", "1 pcr in 1 day")));
  }

  /** The schedule of a key group, if it has one. */
  public Optional<KeyGroupSchedule> schedule(String group) {
    return schedules.stream().filter(s -> s.group().equals(group)).findFirst();
  }

  /** Reads a policy file; see {@link #parse(Reader, String)}. */
  public static TestingPolicy read(Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("policy file " + file + " does not exist");
    } catch (IOException e) {
      throw new UncheckedIOException("reading policy file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses a testing policy file ({@link PolicyFile} syntax). Keys: {@code default-pool-size},
   * {@code pool-sizes} (comma-separated), {@code turnaround-limit-hours}, and one
   * {@code schedule.<group>: <n> <method> [+ <n> <method>] in <d> days} per key group. A number left out
   * keeps its {@link #defaults()} value; the schedules are exactly those in the file (none if none).
   *
   * @throws IllegalArgumentException naming the source and every bad line, key or value at once
   */
  public static TestingPolicy parse(Reader in, String source) {
    PolicyFile f = PolicyFile.parse(in, source, k -> KEYS.contains(k) || k.startsWith(SCHEDULE),
        String.join(", ", KEYS) + ", " + SCHEDULE + "<group>");
    TestingPolicy d = defaults();
    int pool = f.integer("default-pool-size", d.defaultPoolSize, 1, Integer.MAX_VALUE);
    int limit = f.integer("turnaround-limit-hours", d.turnaroundLimitHours, 0, Integer.MAX_VALUE);
    List<Integer> sizes = d.poolSizes;
    String sizesText = f.text("pool-sizes", null);
    if (sizesText != null) {
      try {
        sizes = Arrays.stream(sizesText.split(",")).map(v -> whole(v.strip())).toList();
      } catch (IllegalArgumentException x) {
        f.problem("pool-sizes", x.getMessage());
      }
    }
    List<KeyGroupSchedule> schedules = new ArrayList<>();
    for (String key : f.keys()) {
      if (key.startsWith(SCHEDULE)) {
        try {
          schedules.add(KeyGroupSchedule.parse(key.substring(SCHEDULE.length()), f.text(key, "")));
        } catch (IllegalArgumentException x) {
          f.problem(key, x.getMessage());
        }
      }
    }
    f.check("testing policy");
    try {
      return new TestingPolicy(pool, sizes, limit, schedules);
    } catch (IllegalArgumentException x) {
      f.problem(x.getMessage());
      f.check("testing policy");
      throw x;
    }
  }

  private static int whole(String v) {
    if (!v.matches("[0-9]{1,9}")) {
      throw new IllegalArgumentException("expected a whole number, got '" + v + "'");
    }
    return Integer.parseInt(v);
  }

  /** This policy as a file {@link #parse} reads back. */
  public String toFileText() {
    StringBuilder sb = new StringBuilder();
    sb.append("default-pool-size: ").append(defaultPoolSize).append('\n');
    sb.append("pool-sizes: ").append(String.join(", ", poolSizes.stream().map(String::valueOf).toList())).append('\n');
    sb.append("turnaround-limit-hours: ").append(turnaroundLimitHours).append('\n');
    for (KeyGroupSchedule s : schedules) {
      sb.append(SCHEDULE).append(s.group()).append(": ").append(s.toText()).append('\n');
    }
    return sb.toString();
  }
}
