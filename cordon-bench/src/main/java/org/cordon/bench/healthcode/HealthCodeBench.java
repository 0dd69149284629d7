package org.cordon.bench.healthcode;

import java.lang.management.ManagementFactory;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.cordon.bench.BenchOptions;
import org.cordon.core.healthcode.ArrivalRecorded;
import org.cordon.core.healthcode.CaseConfirmed;
import org.cordon.core.healthcode.CodeChangeSink;
import org.cordon.core.healthcode.CodeColour;
import org.cordon.core.healthcode.CodeTokenIssuer;
import org.cordon.core.healthcode.CodeTokenKeys;
import org.cordon.core.healthcode.CodeTokenVerifier;
import org.cordon.core.healthcode.ContactTraced;
import org.cordon.core.healthcode.Evaluation;
import org.cordon.core.healthcode.Fact;
import org.cordon.core.healthcode.HealthCodeEngine;
import org.cordon.core.healthcode.HealthCodePolicy;
import org.cordon.core.healthcode.HealthCodeRules;
import org.cordon.core.healthcode.IsolationStarted;
import org.cordon.core.healthcode.KeyGroupMembership;
import org.cordon.core.healthcode.PersonPseudonyms;
import org.cordon.core.healthcode.TestResult;
import org.cordon.core.healthcode.ZoneMembership;
import org.cordon.core.tracing.ContactCategory;

/**
 * Health-code engine at city scale, side by side with a naive baseline in the same run, printed as
 * Markdown: (1) re-evaluate every person after a policy change (8th → 9th edition preset), (2) apply a
 * batch of new close contacts and read every affected code back, (3) one simulated day of timer
 * expiries, (4) token sign/verify per second. The baseline keeps every resident in a
 * {@code HashMap<Long, List<Fact>>} (empty lists for persons without facts) and re-evaluates all of
 * them one by one with the same rules.
 *
 * <pre>
 * java -Xmx8g -cp cordon-bench/target/benchmarks.jar org.cordon.bench.healthcode.HealthCodeBench \
 *     [--persons 5000000] [--share 0.02] [--contacts 10000] [--rounds 5] [--seed 1] [--token-seconds 3]
 *     [--no-baseline]
 * </pre>
 */
public final class HealthCodeBench {
  private static final Instant NOW = Instant.parse("2022-07-01T02:00:00Z");

  private HealthCodeBench() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = BenchOptions.parse(args);
    int persons = Integer.parseInt(opts.getOrDefault("persons", "5000000"));
    double share = Double.parseDouble(opts.getOrDefault("share", "0.02"));
    int contacts = Integer.parseInt(opts.getOrDefault("contacts", "10000"));
    int rounds = Integer.parseInt(opts.getOrDefault("rounds", "5"));
    long seed = Long.parseLong(opts.getOrDefault("seed", "1"));
    double tokenSeconds = Double.parseDouble(opts.getOrDefault("token-seconds", "3"));
    boolean baseline = !opts.containsKey("no-baseline");
    HealthCodePolicy eighth = HealthCodePolicy.preset("healthcode-8th");
    HealthCodePolicy ninth = HealthCodePolicy.preset("healthcode-9th");

    System.out.printf(Locale.ROOT, "Health-code engine: %,d persons, %.1f %% with facts, seed %d, %d cores, JDK %s, load %.1f%n%n",
        persons, share * 100, seed, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    List<Fact> facts = facts(persons, share, new Random(seed));
    List<String> table = new ArrayList<>();
    table.add("| step | Cordon engine | baseline (HashMap of every person, sequential) |");
    table.add("|---|---:|---:|");

    // load
    System.gc();
    long heap0 = usedHeap();
    long t0 = System.nanoTime();
    HealthCodeEngine engine = new HealthCodeEngine(eighth, NOW, CodeChangeSink.none(), (int) (persons * share * 1.2));
    engine.load(facts);
    double loadMs = ms(t0);
    System.gc();
    long engineHeap = usedHeap() - heap0;
    Naive naive = null;
    double naiveLoadMs = Double.NaN;
    long naiveHeap = 0;
    if (baseline) {
      long h0 = usedHeap();
      long n0 = System.nanoTime();
      naive = new Naive(persons, eighth);
      naive.apply(facts);
      naiveLoadMs = ms(n0);
      System.gc();
      naiveHeap = usedHeap() - h0;
    }
    row(table, String.format(Locale.ROOT, "load %,d facts of %,d persons", facts.size(), engine.personsWithFacts()),
        String.format(Locale.ROOT, "%,.0f ms", loadMs), fmt(naiveLoadMs, "%,.0f ms"));
    row(table, "heap after load (after GC)", String.format(Locale.ROOT, "%,d MB", engineHeap >> 20),
        baseline ? String.format(Locale.ROOT, "%,d MB", naiveHeap >> 20) : "–");

    // (1) policy change: alternate 8th/9th, first round is warm-up
    double[] reeval = new double[rounds];
    double[] reevalCpu = new double[rounds];
    int changed = 0;
    for (int r = 0; r <= rounds; r++) {
      long s = System.nanoTime();
      long c = processCpuNanos();
      int n = engine.reevaluateAll(r % 2 == 0 ? ninth : eighth).size();
      if (r > 0) {
        reeval[r - 1] = ms(s);
        reevalCpu[r - 1] = (processCpuNanos() - c) / 1e6;
        changed = n;
      }
    }
    double[] naiveReeval = new double[Math.min(rounds, 3)];
    if (baseline) {
      for (int r = 0; r <= naiveReeval.length; r++) {
        long s = System.nanoTime();
        naive.reevaluateAll(r % 2 == 0 ? ninth : eighth);
        if (r > 0) {
          naiveReeval[r - 1] = ms(s);
        }
      }
    }
    row(table, String.format(Locale.ROOT, "re-evaluate all %,d persons after a policy change (median of %d; %,d codes changed)",
        persons, rounds, changed), String.format(Locale.ROOT, "**%,.0f ms** wall (max %,.0f), %,.0f ms CPU (2 threads)",
        median(reeval), max(reeval), median(reevalCpu)),
        baseline ? String.format(Locale.ROOT, "%,.0f ms (median of %d)", median(naiveReeval), naiveReeval.length) : "–");

    // (2) new contacts: apply and read every code back
    Random rnd = new Random(seed + 1);
    double[] apply = new double[rounds];
    double[] applyCpu = new double[rounds];
    double[] naiveApply = new double[rounds];
    for (int r = 0; r <= rounds; r++) {
      List<Fact> batch = new ArrayList<>(contacts);
      Instant traced = engine.now();
      for (int i = 0; i < contacts; i++) {
        long p = 1 + rnd.nextInt(persons);
        batch.add(new ContactTraced(p, ContactCategory.CLOSE, 1 + rnd.nextInt(persons), "venue V" + rnd.nextInt(20_000),
            traced.minusSeconds(rnd.nextInt(3 * 86_400)), traced));
      }
      long s = System.nanoTime();
      long c = threadCpuNanos();
      engine.apply(batch);
      int red = 0;
      for (Fact f : batch) {
        if (engine.code(f.personId()).colour() == CodeColour.RED) {
          red++;
        }
      }
      if (red != contacts) {
        throw new IllegalStateException("only " + red + " of " + contacts + " new close contacts are red");
      }
      if (r > 0) {
        apply[r - 1] = ms(s);
        applyCpu[r - 1] = (threadCpuNanos() - c) / 1e6;
      }
      if (baseline) {
        long b = System.nanoTime();
        naive.applyAndEvaluate(batch, traced);
        if (r > 0) {
          naiveApply[r - 1] = ms(b);
        }
      }
    }
    row(table, String.format(Locale.ROOT, "apply %,d new close contacts + read each code (median of %d)", contacts, rounds),
        String.format(Locale.ROOT, "**%,.1f ms** wall (max %,.1f), %,.1f ms CPU", median(apply), max(apply),
            median(applyCpu)),
        baseline ? String.format(Locale.ROOT, "%,.1f ms (max %,.1f)", median(naiveApply), max(naiveApply)) : "–");

    // (3) one day of time-driven expiries, in 1-minute steps
    long d0 = System.nanoTime();
    int expiries = 0;
    Instant t = engine.now();
    for (int m = 0; m < 24 * 60; m++) {
      t = t.plusSeconds(60);
      expiries += engine.advanceTo(t).size();
    }
    double dayMs = ms(d0);
    double naiveDayMs = Double.NaN;
    if (baseline) {
      // without a timer, finding the expiries means re-evaluating everyone; done hourly here, not per minute
      long b = System.nanoTime();
      Instant bt = NOW;
      for (int h = 0; h < 24; h++) {
        bt = bt.plusSeconds(3600);
        naive.evaluateAllAt(bt);
      }
      naiveDayMs = ms(b);
    }
    row(table, String.format(Locale.ROOT, "one day of expiries (%,d changes): engine timer per minute vs baseline full scan per hour",
        expiries), String.format(Locale.ROOT, "%,.0f ms for 1,440 steps", dayMs), fmt(naiveDayMs, "%,.0f ms for 24 scans"));
    for (String line : table) {
      System.out.println(line);
    }
    System.out.println();
    tokens(tokenSeconds);
  }

  private static void tokens(double seconds) throws Exception {
    SecureRandom random = new SecureRandom();
    KeyPair keys = CodeTokenKeys.generate();
    PersonPseudonyms pseudonyms = new PersonPseudonyms(PersonPseudonyms.newKey(random));
    CodeTokenIssuer issuer = new CodeTokenIssuer(1, keys.getPrivate(), pseudonyms, Duration.ofMinutes(3), random);
    CodeTokenVerifier verifier = new CodeTokenVerifier(Map.of(1, keys.getPublic()), Duration.ofSeconds(30));
    String[] texts = new String[1000];
    for (int i = 0; i < texts.length; i++) {
      texts[i] = issuer.issue(i + 1, CodeColour.GREEN, NOW).text();
    }
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    long signed = 0;
    long s0 = System.nanoTime();
    while (System.nanoTime() < deadline) {
      issuer.issue(signed + 1, CodeColour.GREEN, NOW);
      signed++;
    }
    double signRate = signed / ((System.nanoTime() - s0) / 1e9);
    deadline = System.nanoTime() + (long) (seconds * 1e9);
    long verified = 0;
    long v0 = System.nanoTime();
    while (System.nanoTime() < deadline) {
      if (!verifier.verify(texts[(int) (verified % texts.length)], NOW).valid()) {
        throw new IllegalStateException("token did not verify");
      }
      verified++;
    }
    double verifyRate = verified / ((System.nanoTime() - v0) / 1e9);
    CodeTokenVerifier online = CodeTokenVerifier.online(1, pseudonyms, Duration.ofSeconds(30));
    deadline = System.nanoTime() + (long) (seconds * 1e9);
    long checked = 0;
    long o0 = System.nanoTime();
    while (System.nanoTime() < deadline) {
      if (!online.verify(texts[(int) (checked % texts.length)], NOW).valid()) {
        throw new IllegalStateException("token did not pass the online check");
      }
      checked++;
    }
    double onlineRate = checked / ((System.nanoTime() - o0) / 1e9);
    java.security.Signature jdk = java.security.Signature.getInstance("Ed25519");
    byte[] message = new byte[48];
    deadline = System.nanoTime() + (long) (seconds * 1e9);
    long jdkSigned = 0;
    byte[] sig = null;
    long j0 = System.nanoTime();
    while (System.nanoTime() < deadline) {
      message[0] = (byte) jdkSigned;
      jdk.initSign(keys.getPrivate());
      jdk.update(message);
      sig = jdk.sign();
      jdkSigned++;
    }
    double jdkSignRate = jdkSigned / ((System.nanoTime() - j0) / 1e9);
    deadline = System.nanoTime() + (long) (seconds * 1e9);
    long jdkVerified = 0;
    j0 = System.nanoTime();
    while (System.nanoTime() < deadline) {
      jdk.initVerify(keys.getPublic());
      jdk.update(message);
      jdk.verify(sig);
      jdkVerified++;
    }
    double jdkVerifyRate = jdkVerified / ((System.nanoTime() - j0) / 1e9);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(PersonPseudonyms.newKey(random), "HmacSHA256"));
    byte[] payload = new byte[34];
    deadline = System.nanoTime() + (long) (seconds * 1e9);
    long macs = 0;
    long m0 = System.nanoTime();
    while (System.nanoTime() < deadline) {
      payload[0] = (byte) macs;
      mac.doFinal(payload);
      macs++;
    }
    double macRate = macs / ((System.nanoTime() - m0) / 1e9);
    System.out.println("| tokens, one thread | per second |");
    System.out.println("|---|---:|");
    System.out.printf(Locale.ROOT, "| Cordon issue (AES pseudonym + Ed25519 sign, Bouncy Castle + base64url) | **%,.0f** |%n", signRate);
    System.out.printf(Locale.ROOT, "| Cordon verify offline (base64url + Ed25519 verify, Bouncy Castle + checks) | **%,.0f** |%n", verifyRate);
    System.out.printf(Locale.ROOT, "| Cordon online check by the issuer (base64url + server tag HMAC + checks) | **%,.0f** |%n", onlineRate);
    System.out.printf(Locale.ROOT, "| baseline: JDK 17 provider, Signature(\"Ed25519\") sign of a 48-byte message | %,.0f |%n", jdkSignRate);
    System.out.printf(Locale.ROOT, "| baseline: JDK 17 provider, Signature(\"Ed25519\") verify | %,.0f |%n", jdkVerifyRate);
    System.out.printf(Locale.ROOT, "| baseline: HMAC-SHA256 of the same 34-byte payload (symmetric: a scanner would need the secret) | %,.0f |%n",
        macRate);
  }

  /** A realistic mix: key-group members with routine tests, contacts with some tests, zones, arrivals, cases. */
  static List<Fact> facts(int persons, double share, Random rnd) {
    int withFacts = (int) (persons * share);
    List<Fact> out = new ArrayList<>(withFacts * 3);
    for (int i = 0; i < withFacts; i++) {
      long p = 1 + rnd.nextInt(persons);
      Instant at = NOW.minusSeconds(rnd.nextInt(10 * 86_400));
      int kind = rnd.nextInt(100);
      if (kind < 40) {
        out.add(new KeyGroupMembership(p, rnd.nextBoolean() ? "courier" : "cold-chain", true, at));
        for (Instant s = at.plusSeconds(40_000); s.isBefore(NOW); s = s.plusSeconds(86_400 + rnd.nextInt(86_400))) {
          out.add(TestResult.negativePcr(p, s));
        }
      } else if (kind < 75) {
        ContactCategory c = ContactCategory.values()[rnd.nextInt(4)];
        out.add(new ContactTraced(p, c, 1 + rnd.nextInt(persons), "venue V" + rnd.nextInt(20_000),
            at.minusSeconds(rnd.nextInt(2 * 86_400)), at));
        for (int k = rnd.nextInt(6); k > 0; k--) {
          Instant s = at.plusSeconds(rnd.nextInt(8 * 86_400));
          if (s.isBefore(NOW)) {
            out.add(TestResult.negativePcr(p, s));
          }
        }
      } else if (kind < 88) {
        out.add(new ZoneMembership(p, "Z" + rnd.nextInt(500), ZoneMembership.Level.values()[rnd.nextInt(3)], at));
      } else if (kind < 97) {
        out.add(new ArrivalRecorded(p, "A" + rnd.nextInt(50), ArrivalRecorded.AreaRisk.values()[rnd.nextInt(3)], at));
      } else {
        out.add(new CaseConfirmed(p, at));
        out.add(new IsolationStarted(p, IsolationStarted.Setting.CENTRALIZED, at));
      }
    }
    return out;
  }

  /** The baseline: every resident in a HashMap with a list of facts, everybody re-evaluated one by one. */
  static final class Naive {
    final Map<Long, List<Fact>> facts;
    final Map<Long, Evaluation> codes;
    HealthCodeRules rules;

    Naive(int persons, HealthCodePolicy policy) {
      facts = new HashMap<>(persons * 2);
      codes = new HashMap<>(persons * 2);
      for (long p = 1; p <= persons; p++) {
        facts.put(p, new ArrayList<>(0));
      }
      rules = new HealthCodeRules(policy);
    }

    void apply(List<Fact> batch) {
      for (Fact f : batch) {
        facts.get(f.personId()).add(f);
      }
      evaluateAllAt(NOW);
    }

    void applyAndEvaluate(List<Fact> batch, Instant t) {
      for (Fact f : batch) {
        List<Fact> list = facts.get(f.personId());
        list.add(f);
        codes.put(f.personId(), rules.evaluate(list, t));
      }
      for (Fact f : batch) {
        if (codes.get(f.personId()).colour() != CodeColour.RED) {
          throw new IllegalStateException("baseline disagrees");
        }
      }
    }

    void reevaluateAll(HealthCodePolicy policy) {
      rules = new HealthCodeRules(policy);
      evaluateAllAt(NOW);
    }

    void evaluateAllAt(Instant t) {
      for (Map.Entry<Long, List<Fact>> e : facts.entrySet()) {
        codes.put(e.getKey(), rules.evaluate(e.getValue(), t));
      }
    }
  }

  private static void row(List<String> table, String step, String engine, String baseline) {
    table.add("| " + step + " | " + engine + " | " + baseline + " |");
  }

  private static String fmt(double v, String pattern) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, pattern, v);
  }

  private static double ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length == 0 ? Double.NaN : s[s.length / 2];
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(Double.NaN);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static long threadCpuNanos() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }
}
