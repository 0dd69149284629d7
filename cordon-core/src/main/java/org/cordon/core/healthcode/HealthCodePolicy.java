package org.cordon.core.healthcode;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cordon.core.policy.PolicyFile;

/**
 * Every rule and number of health-code assignment, as a versioned policy file
 * ({@code policy/healthcode-*.yaml} on the classpath for the shipped presets). Rules are described in
 * {@link HealthCodeRules}; the regime keys ({@code close.colour}, {@code close.min-days}, ...) in
 * {@link Regime}.
 *
 * @param id short id recorded with every decision (e.g. {@code healthcode-9th})
 * @param edition human-readable name of the rule set
 * @param tokenValiditySeconds validity of a signed QR token (30..3600)
 * @param regimes the regime of each regime rule (see {@link #REGIME_RULES})
 * @param positiveTestColour colour of a positive test until a later negative PCR or release
 * @param poolRecallColour colour of a positive pool's member until a PCR sampled after the pool
 *     (the single-tube retest) is in
 * @param centralizedIsolationColour colour under centralized isolation
 * @param homeIsolationColour colour under home isolation
 * @param zoneColours colour of each zone level (GREEN = no reason)
 * @param keyGroups the key-group test schedule
 * @param secondaryRelease what a secondary contact's release needs of the linked close contact
 */
public record HealthCodePolicy(String id, String edition, int tokenValiditySeconds,
    Map<RuleId, Regime> regimes, CodeColour positiveTestColour, CodeColour poolRecallColour,
    CodeColour centralizedIsolationColour,
    CodeColour homeIsolationColour, Map<ZoneMembership.Level, CodeColour> zoneColours,
    KeyGroupSchedule keyGroups, SecondaryRelease secondaryRelease) {

  /** The rules with a {@link Regime}, and the key prefix of each in a policy file. */
  public static final Map<RuleId, String> REGIME_RULES = regimePrefixes();

  /** The shipped presets, by name. */
  public static final List<String> PRESETS = List.of("healthcode-8th", "healthcode-9th");

  private static final List<String> REGIME_KEYS = List.of("colour", "min-days", "negative-tests",
      "test-spacing-hours", "auto-release", "monitoring-days", "monitoring-colour");
  private static final List<String> PLAIN_KEYS = List.of("id", "edition", "token-validity-seconds",
      "positive-test.colour", "pool-recall.colour", "isolation.centralized-colour", "isolation.home-colour",
      "zone.sealed-colour", "zone.controlled-colour", "zone.prevention-colour", "key-group.colour",
      "key-group.test-interval-hours", "key-group.accepted-tests", "secondary.close-contact-tests",
      "secondary.upgrade-to-close", "secondary.unknown-close-contact");
  private static final String INTERVAL_PREFIX = "key-group.test-interval-hours.";

  public HealthCodePolicy {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(edition, "edition");
    if (tokenValiditySeconds < 30 || tokenValiditySeconds > 3600) {
      throw new IllegalArgumentException("token-validity-seconds must be 30..3600, got " + tokenValiditySeconds);
    }
    EnumMap<RuleId, Regime> r = new EnumMap<>(RuleId.class);
    for (RuleId rule : REGIME_RULES.keySet()) {
      r.put(rule, Objects.requireNonNull(regimes.get(rule), "regime of " + rule));
    }
    regimes = Collections.unmodifiableMap(r);
    EnumMap<ZoneMembership.Level, CodeColour> z = new EnumMap<>(ZoneMembership.Level.class);
    z.putAll(zoneColours);
    z.put(ZoneMembership.Level.NONE, CodeColour.GREEN);
    zoneColours = Collections.unmodifiableMap(z);
    Objects.requireNonNull(positiveTestColour);
    Objects.requireNonNull(poolRecallColour);
    Objects.requireNonNull(centralizedIsolationColour);
    Objects.requireNonNull(homeIsolationColour);
    Objects.requireNonNull(keyGroups);
    Objects.requireNonNull(secondaryRelease, "secondaryRelease");
  }

  /**
   * The secondary contact's (次密接) link to its close contact (domain.md §2.1, §2.2): released only
   * when, besides its own regime, the linked close contact's first {@code closeContactTests} PCR
   * samples after the secondary contact's exposure are in and negative; with {@code upgradeToClose},
   * a positive among them, or the close contact confirmed as a case, before that release makes the
   * secondary contact a close contact (the close-contact regime, from its own exposure). Evaluated by
   * {@link HealthCodeRules}.
   *
   * @param closeContactTests the close contact's first tests that must be negative (0..5; 0: no
   *     condition on the close contact)
   * @param upgradeToClose whether the close contact turning positive upgrades the secondary contact
   * @param unknownCloseContact what becomes of the condition when the close contact has no facts in
   *     this deployment at all (traced by another jurisdiction, a contact from an assist request): its
   *     tests will never arrive here, so {@link UnknownCloseContact#WAIT} (the protocol's letter, the
   *     default) keeps the secondary contact until someone releases it, and
   *     {@link UnknownCloseContact#OWN_REGIME} releases it by its own regime alone until a fact of the
   *     close contact arrives (then the condition holds again)
   */
  public record SecondaryRelease(int closeContactTests, boolean upgradeToClose,
      UnknownCloseContact unknownCloseContact) {
    public SecondaryRelease {
      if (closeContactTests < 0 || closeContactTests > 5) {
        throw new IllegalArgumentException("secondary.close-contact-tests must be 0..5, got " + closeContactTests);
      }
      Objects.requireNonNull(unknownCloseContact, "unknownCloseContact");
    }

    /** A link that waits for a close contact unknown here. */
    public SecondaryRelease(int closeContactTests, boolean upgradeToClose) {
      this(closeContactTests, upgradeToClose, UnknownCloseContact.WAIT);
    }

    /** No link: the secondary contact's own regime alone. */
    public static SecondaryRelease off() {
      return new SecondaryRelease(0, false, UnknownCloseContact.WAIT);
    }

    /** Whether the rule looks at the close contact's facts at all. */
    public boolean linked() {
      return closeContactTests > 0 || upgradeToClose;
    }
  }

  /** The regime of a regime rule. */
  public Regime regime(RuleId rule) {
    Regime r = regimes.get(rule);
    if (r == null) {
      throw new IllegalArgumentException(rule + " has no regime");
    }
    return r;
  }

  /**
   * The key-group test schedule: a member whose last accepted negative sample (or joining, if later)
   * is more than the group's interval ago has {@code colour}.
   *
   * @param defaultIntervalHours interval of a group not listed (1..720)
   * @param intervalHours interval per group name
   * @param acceptsAntigen whether a negative antigen test counts (otherwise PCR only)
   */
  public record KeyGroupSchedule(CodeColour colour, int defaultIntervalHours, Map<String, Integer> intervalHours,
      boolean acceptsAntigen) {
    public KeyGroupSchedule {
      Objects.requireNonNull(colour);
      intervalHours = Map.copyOf(intervalHours);
      if (defaultIntervalHours < 1 || defaultIntervalHours > 720) {
        throw new IllegalArgumentException("key-group.test-interval-hours must be 1..720");
      }
    }

    /** The test interval of {@code group} in hours. */
    public int intervalOf(String group) {
      return intervalHours.getOrDefault(group, defaultIntervalHours);
    }
  }

  /** Tests accepted for the key-group schedule. */
  public enum AcceptedTests {
    PCR, PCR_OR_ANTIGEN
  }

  /** See {@link SecondaryRelease#unknownCloseContact()} ({@code secondary.unknown-close-contact}). */
  public enum UnknownCloseContact {
    WAIT, OWN_REGIME
  }

  /** A shipped preset by name ({@link #PRESETS}). */
  public static HealthCodePolicy preset(String name) {
    if (!PRESETS.contains(name)) {
      throw new IllegalArgumentException("unknown health-code preset '" + name + "' (known: "
          + String.join(", ", PRESETS) + ")");
    }
    String resource = "/policy/" + name + ".yaml";
    try (InputStream in = HealthCodePolicy.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("preset " + resource + " is missing from the classpath");
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8), resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a policy file; see {@link #parse(Reader, String)}. */
  public static HealthCodePolicy read(Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("policy file " + file + " does not exist");
    } catch (IOException e) {
      throw new UncheckedIOException("reading policy file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses a policy file (flat {@code key: value} lines, see {@link PolicyFile}). Every key is
   * required except {@code key-group.test-interval-hours.<group>} overrides, so that a preset states
   * all its numbers.
   *
   * @throws IllegalArgumentException naming the source, line and key of every problem (all at once)
   */
  public static HealthCodePolicy parse(Reader in, String source) {
    PolicyFile f = PolicyFile.parse(in, source, HealthCodePolicy::known,
        "id, edition, token-validity-seconds, <rule>.{" + String.join(",", REGIME_KEYS) + "} for rules "
            + String.join(", ", REGIME_RULES.values()) + ", " + String.join(", ", PLAIN_KEYS.subList(3, PLAIN_KEYS.size()))
            + ", key-group.test-interval-hours.<group>");
    for (String key : requiredKeys()) {
      if (f.text(key, null) == null) {
        f.problem(key, "is missing");
      }
    }
    Map<RuleId, Regime> regimes = new EnumMap<>(RuleId.class);
    for (Map.Entry<RuleId, String> e : REGIME_RULES.entrySet()) {
      String p = e.getValue() + ".";
      try {
        regimes.put(e.getKey(), new Regime(colour(f, p + "colour"), f.integer(p + "min-days", 0, 0, 60),
            f.integer(p + "negative-tests", 0, 0, 20), f.integer(p + "test-spacing-hours", 0, 0, 240),
            f.bool(p + "auto-release", true), f.integer(p + "monitoring-days", 0, 0, 60),
            colour(f, p + "monitoring-colour")));
      } catch (IllegalArgumentException ex) {
        f.problem(e.getValue(), ex.getMessage());
      }
    }
    Map<String, Integer> intervals = new LinkedHashMap<>();
    for (String key : f.keys()) {
      if (key.startsWith(INTERVAL_PREFIX)) {
        intervals.put(key.substring(INTERVAL_PREFIX.length()), f.integer(key, 72, 1, 720));
      }
    }
    KeyGroupSchedule groups = new KeyGroupSchedule(colour(f, "key-group.colour"),
        f.integer("key-group.test-interval-hours", 72, 1, 720), intervals,
        f.choice("key-group.accepted-tests", AcceptedTests.class, AcceptedTests.PCR) == AcceptedTests.PCR_OR_ANTIGEN);
    Map<ZoneMembership.Level, CodeColour> zones = new EnumMap<>(ZoneMembership.Level.class);
    zones.put(ZoneMembership.Level.SEALED, colour(f, "zone.sealed-colour"));
    zones.put(ZoneMembership.Level.CONTROLLED, colour(f, "zone.controlled-colour"));
    zones.put(ZoneMembership.Level.PREVENTION, colour(f, "zone.prevention-colour"));
    int validity = f.integer("token-validity-seconds", 180, 30, 3600);
    CodeColour positive = colour(f, "positive-test.colour");
    CodeColour poolRecall = colour(f, "pool-recall.colour");
    CodeColour centralized = colour(f, "isolation.centralized-colour");
    CodeColour home = colour(f, "isolation.home-colour");
    SecondaryRelease secondary = new SecondaryRelease(f.integer("secondary.close-contact-tests", 0, 0, 5),
        f.bool("secondary.upgrade-to-close", false),
        f.choice("secondary.unknown-close-contact", UnknownCloseContact.class, UnknownCloseContact.WAIT));
    f.check("health-code policy");
    return new HealthCodePolicy(f.text("id", ""), f.text("edition", ""), validity, regimes, positive,
        poolRecall, centralized, home, zones, groups, secondary);
  }

  /** This policy as a policy file that {@link #parse(Reader, String)} reads back. */
  public String toFileText() {
    StringBuilder out = new StringBuilder();
    out.append("id: ").append(id).append('\n');
    out.append("edition: \"").append(edition).append("\"\n");
    out.append("token-validity-seconds: ").append(tokenValiditySeconds).append('\n');
    for (Map.Entry<RuleId, String> e : REGIME_RULES.entrySet()) {
      Regime r = regimes.get(e.getKey());
      String p = e.getValue() + ".";
      out.append(p).append("colour: ").append(r.colour().code()).append('\n');
      out.append(p).append("min-days: ").append(r.minDays()).append('\n');
      out.append(p).append("negative-tests: ").append(r.negativeTests()).append('\n');
      out.append(p).append("test-spacing-hours: ").append(r.testSpacingHours()).append('\n');
      out.append(p).append("auto-release: ").append(r.autoRelease()).append('\n');
      out.append(p).append("monitoring-days: ").append(r.monitoringDays()).append('\n');
      out.append(p).append("monitoring-colour: ").append(r.monitoringColour().code()).append('\n');
    }
    out.append("positive-test.colour: ").append(positiveTestColour.code()).append('\n');
    out.append("pool-recall.colour: ").append(poolRecallColour.code()).append('\n');
    out.append("isolation.centralized-colour: ").append(centralizedIsolationColour.code()).append('\n');
    out.append("isolation.home-colour: ").append(homeIsolationColour.code()).append('\n');
    out.append("zone.sealed-colour: ").append(zoneColours.get(ZoneMembership.Level.SEALED).code()).append('\n');
    out.append("zone.controlled-colour: ").append(zoneColours.get(ZoneMembership.Level.CONTROLLED).code())
        .append('\n');
    out.append("zone.prevention-colour: ").append(zoneColours.get(ZoneMembership.Level.PREVENTION).code())
        .append('\n');
    out.append("key-group.colour: ").append(keyGroups.colour().code()).append('\n');
    out.append("key-group.test-interval-hours: ").append(keyGroups.defaultIntervalHours()).append('\n');
    out.append("key-group.accepted-tests: ").append(keyGroups.acceptsAntigen() ? "pcr-or-antigen" : "pcr")
        .append('\n');
    out.append("secondary.close-contact-tests: ").append(secondaryRelease.closeContactTests()).append('\n');
    out.append("secondary.upgrade-to-close: ").append(secondaryRelease.upgradeToClose()).append('\n');
    out.append("secondary.unknown-close-contact: ").append(secondaryRelease.unknownCloseContact() == UnknownCloseContact.WAIT
        ? "wait" : "own-regime").append('\n');
    keyGroups.intervalHours().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out
        .append(INTERVAL_PREFIX).append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
    return out.toString();
  }

  /**
   * The longest time any rule of this policy looks back from now, derived from its numbers: a regime's
   * minimum days plus its monitoring days (a regime anchored longer ago has ended for a person with the
   * tests it asks for) and the longest key-group test interval (an older negative releases no one's
   * schedule and passes no "no negative test, no work" gate). The engine's {@link HealthCodeEngine#prune}
   * drops facts whose effect ended before this horizon (9th edition: 10 days, 8th: 21 days).
   */
  public java.time.Duration lookBack() {
    long days = 0;
    for (Regime r : regimes.values()) {
      days = Math.max(days, (long) r.minDays() + r.monitoringDays());
    }
    long hours = keyGroups.defaultIntervalHours();
    for (int h : keyGroups.intervalHours().values()) {
      hours = Math.max(hours, h);
    }
    return java.time.Duration.ofHours(Math.max(days * 24, hours));
  }

  /** A copy with another id and regime for one rule (for tests and what-if evaluations). */
  public HealthCodePolicy withRegime(String newId, RuleId rule, Regime regime) {
    Map<RuleId, Regime> r = new EnumMap<>(regimes);
    r.put(rule, regime);
    return new HealthCodePolicy(newId, edition, tokenValiditySeconds, r, positiveTestColour,
        poolRecallColour, centralizedIsolationColour, homeIsolationColour, zoneColours, keyGroups,
        secondaryRelease);
  }

  /** A copy with another id and secondary-contact link (for tests and what-if evaluations). */
  public HealthCodePolicy withSecondaryRelease(String newId, SecondaryRelease release) {
    return new HealthCodePolicy(newId, edition, tokenValiditySeconds, regimes, positiveTestColour,
        poolRecallColour, centralizedIsolationColour, homeIsolationColour, zoneColours, keyGroups, release);
  }

  private static Map<RuleId, String> regimePrefixes() {
    Map<RuleId, String> m = new EnumMap<>(RuleId.class);
    m.put(RuleId.CASE, "case");
    m.put(RuleId.CLOSE_CONTACT, "close");
    m.put(RuleId.SECONDARY_CONTACT, "secondary");
    m.put(RuleId.KEY_PERSON, "key");
    m.put(RuleId.COMPANION, "companion");
    m.put(RuleId.ARRIVAL_HIGH_RISK, "arrival-high");
    m.put(RuleId.ARRIVAL_MEDIUM_RISK, "arrival-medium");
    m.put(RuleId.ARRIVAL_LOW_RISK, "arrival-low");
    return Collections.unmodifiableMap(m);
  }

  private static List<String> requiredKeys() {
    List<String> keys = new java.util.ArrayList<>(PLAIN_KEYS);
    for (String prefix : REGIME_RULES.values()) {
      for (String k : REGIME_KEYS) {
        keys.add(prefix + "." + k);
      }
    }
    return keys;
  }

  private static boolean known(String key) {
    if (PLAIN_KEYS.contains(key)) {
      return true;
    }
    if (key.startsWith(INTERVAL_PREFIX)) {
      return key.substring(INTERVAL_PREFIX.length()).matches("[a-z0-9-]{1,32}");
    }
    int dot = key.indexOf('.');
    return dot > 0 && REGIME_RULES.containsValue(key.substring(0, dot)) && REGIME_KEYS.contains(key.substring(dot + 1));
  }

  private static CodeColour colour(PolicyFile f, String key) {
    return f.choice(key, CodeColour.class, CodeColour.GREEN);
  }

  static HealthCodePolicy parse(String text) {
    return parse(new StringReader(text), "text");
  }
}
