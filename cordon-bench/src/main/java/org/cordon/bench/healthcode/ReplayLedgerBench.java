package org.cordon.bench.healthcode;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.cordon.bench.BenchOptions;
import org.cordon.core.healthcode.CodeColour;
import org.cordon.core.healthcode.CodeToken;
import org.cordon.core.healthcode.ReplayLedger;

/**
 * The checkpoint's replay ledger at a busy city's size: {@code --pairs} (token, venue) pairs shown over
 * {@code --minutes} minutes at {@code --venues} venues, remembered by {@link ReplayLedger} and, as the
 * baseline in the same run, by the map the checkpoint used before (a {@code ConcurrentHashMap} of
 * "key id:hex nonce@venue" strings to boxed expiry seconds). Reports heap bytes per pair (after a full
 * collection), nanoseconds per first use and per refused replay, and the time to forget a minute.
 *
 * <pre>
 * java -Xmx8g -cp cordon-bench/target/benchmarks.jar org.cordon.bench.healthcode.ReplayLedgerBench \
 *     [--pairs 7000000] [--venues 256] [--minutes 4]
 * </pre>
 */
public final class ReplayLedgerBench {

  private ReplayLedgerBench() {
  }

  private interface Ledger {
    boolean firstUse(String venue, CodeToken token);

    void forgetBefore(Instant now);
  }

  public static void main(String[] args) {
    Map<String, String> o = BenchOptions.parse(args);
    int pairs = Integer.parseInt(o.getOrDefault("pairs", "7000000"));
    int venues = Integer.parseInt(o.getOrDefault("venues", "256"));
    int minutes = Integer.parseInt(o.getOrDefault("minutes", "4"));
    System.out.printf(Locale.ROOT, "replay ledger: %,d pairs at %d venues over %d minutes, JDK %s, %d cores%n",
        pairs, venues, minutes, Runtime.version(), Runtime.getRuntime().availableProcessors());
    String[] venueIds = new String[venues];
    for (int v = 0; v < venues; v++) {
      venueIds[v] = "BENCH-" + v;
    }
    Instant t0 = Instant.parse("2022-04-12T08:00:00Z");
    // one token per pair, shown in time order; tokens live three minutes from their showing
    CodeToken[] tokens = new CodeToken[pairs];
    int[] at = new int[pairs];
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < pairs; i++) {
      Instant shown = t0.plusMillis((long) i * minutes * 60_000 / pairs);
      tokens[i] = new CodeToken(1, "p", CodeColour.GREEN, shown, shown.plusSeconds(180), random.nextLong());
      at[i] = random.nextInt(venues);
    }
    Instant end = t0.plusSeconds(minutes * 60L);
    for (int round = 0; round < 2; round++) {
      measure("baseline: ConcurrentHashMap<String, Long>", new Ledger() {
        final Map<String, Long> used = new ConcurrentHashMap<>();

        @Override
        public boolean firstUse(String venue, CodeToken token) {
          return used.putIfAbsent(token.replayKey() + '@' + venue, token.expiresAt().getEpochSecond() + 60) == null;
        }

        @Override
        public void forgetBefore(Instant now) {
          long s = now.getEpochSecond();
          used.values().removeIf(e -> e < s);
        }
      }, tokens, at, venueIds, end);
      measure("ReplayLedger (primitive nonces by venue, key, minute)", new Ledger() {
        final ReplayLedger ledger = new ReplayLedger(Duration.ofSeconds(60));

        @Override
        public boolean firstUse(String venue, CodeToken token) {
          return ledger.firstUse(venue, token);
        }

        @Override
        public void forgetBefore(Instant now) {
          ledger.forgetExpired(now);
        }
      }, tokens, at, venueIds, end);
    }
  }

  private static void measure(String name, Ledger ledger, CodeToken[] tokens, int[] at, String[] venues,
      Instant end) {
    long before = settledHeap();
    long t = System.nanoTime();
    for (int i = 0; i < tokens.length; i++) {
      if (!ledger.firstUse(venues[at[i]], tokens[i])) {
        throw new IllegalStateException("a fresh token was refused: " + i);
      }
    }
    double firstNs = (System.nanoTime() - t) / (double) tokens.length;
    long held = settledHeap() - before;
    t = System.nanoTime();
    int replays = Math.min(tokens.length, 1_000_000);
    for (int i = 0; i < replays; i++) {
      if (ledger.firstUse(venues[at[i]], tokens[i])) {
        throw new IllegalStateException("a replay was accepted: " + i);
      }
    }
    double replayNs = (System.nanoTime() - t) / (double) replays;
    // past the expiry plus slack of all but the last minute's tokens: those pairs go
    t = System.nanoTime();
    ledger.forgetBefore(end.minusSeconds(60).plusSeconds(180 + 60));
    double forgetMs = (System.nanoTime() - t) / 1e6;
    System.out.printf(Locale.ROOT, "%-55s %6.1f bytes/pair  %6.0f ns/first use  %6.0f ns/replay  forget: %7.1f ms%n",
        name, (double) held / tokens.length, firstNs, replayNs, forgetMs);
  }

  private static long settledHeap() {
    Runtime r = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return r.totalMemory() - r.freeMemory();
  }
}
