package org.cordon.core.healthcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReplayLedgerTest {

  private static final Instant T0 = Instant.parse("2022-04-12T23:58:10Z");

  private static CodeToken token(int keyId, long nonce, Instant expiresAt) {
    return new CodeToken(keyId, "pseudonym", CodeColour.GREEN, expiresAt.minusSeconds(180), expiresAt, nonce);
  }

  @Test
  void aTokenIsGoodOncePerPlace() {
    ReplayLedger ledger = new ReplayLedger(Duration.ofSeconds(60));
    CodeToken t = token(1, 42, T0.plusSeconds(180));
    assertThat(ledger.firstUse("V1", t)).isTrue();
    assertThat(ledger.firstUse("V1", t)).as("second showing at the same door").isFalse();
    assertThat(ledger.firstUse("V2", t)).as("the next venue").isTrue();
    assertThat(ledger.firstUse("V1", token(2, 42, T0.plusSeconds(180)))).as("same nonce, other key").isTrue();
    assertThat(ledger.firstUse("V1", token(1, 43, T0.plusSeconds(180)))).isTrue();
    assertThat(ledger.size()).isEqualTo(4);
  }

  @Test
  void zeroAndNegativeNoncesAreOrdinaryNonces() {
    ReplayLedger ledger = new ReplayLedger(Duration.ofSeconds(60));
    for (long nonce : new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
      CodeToken t = token(7, nonce, T0);
      assertThat(ledger.firstUse("V", t)).as("nonce %d", nonce).isTrue();
      assertThat(ledger.firstUse("V", t)).as("nonce %d again", nonce).isFalse();
    }
  }

  @Test
  void aReleasedTokenMayBeShownAgainAtThatPlaceOnly() {
    ReplayLedger ledger = new ReplayLedger(Duration.ofSeconds(60));
    CodeToken t = token(1, 99, T0);
    ledger.firstUse("V1", t);
    ledger.firstUse("V2", t);
    ledger.release("V1", t);
    assertThat(ledger.firstUse("V1", t)).isTrue();
    assertThat(ledger.firstUse("V2", t)).isFalse();
    ledger.release("V3", t); // never used there: nothing to give back, no error
    assertThat(ledger.size()).isEqualTo(2);
  }

  @Test
  void rememberedAtLeastUntilExpiryPlusSlackAcrossMidnight() {
    ReplayLedger ledger = new ReplayLedger(Duration.ofSeconds(60));
    // expires 23:59:50; kept at least until 00:00:50 the next day
    CodeToken t = token(1, 5, Instant.parse("2022-04-12T23:59:50Z"));
    ledger.firstUse("V", t);
    ledger.forgetExpired(Instant.parse("2022-04-13T00:00:50Z"));
    assertThat(ledger.firstUse("V", t)).isFalse();
    // and forgotten once its minute is over
    ledger.forgetExpired(Instant.parse("2022-04-13T00:01:01Z"));
    assertThat(ledger.size()).isZero();
    assertThat(ledger.firstUse("V", t)).isTrue();
  }

  @Test
  void readBackTokensRefuseReplaysWhateverTheirExpiry() {
    ReplayLedger ledger = new ReplayLedger(Duration.ofSeconds(60));
    long until = T0.plusSeconds(3_700).getEpochSecond();
    ledger.rememberUntil("V", 1, 77, until);
    assertThat(ledger.firstUse("V", token(1, 77, T0.plusSeconds(30)))).isFalse();
    assertThat(ledger.firstUse("V", token(1, 77, T0.plusSeconds(3_000)))).isFalse();
    assertThat(ledger.firstUse("W", token(1, 77, T0.plusSeconds(30)))).isTrue();
    assertThat(ledger.firstUse("V", token(2, 77, T0.plusSeconds(30)))).isTrue();
    ledger.forgetExpired(Instant.ofEpochSecond(until));
    assertThat(ledger.firstUse("V", token(1, 77, T0.plusSeconds(60)))).isFalse();
    ledger.forgetExpired(Instant.ofEpochSecond(until + 1));
    assertThat(ledger.firstUse("V", token(1, 77, T0.plusSeconds(4_000)))).isTrue();
  }

  @Test
  void slackMustNotBeNegative() {
    assertThatThrownBy(() -> new ReplayLedger(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slack");
  }

  /**
   * The brute-force reference: one map entry per (place, key id, nonce) with the time it may be
   * forgotten, the expiry plus slack rounded up to the minute as the ledger promises, removed by a scan.
   */
  private static final class Reference {
    private final Map<String, Long> until = new HashMap<>();
    private final long slack;

    Reference(long slack) {
      this.slack = slack;
    }

    boolean firstUse(String place, CodeToken t) {
      long forgetAfter = Math.floorDiv(t.expiresAt().getEpochSecond() + slack + 59, 60) * 60;
      return until.putIfAbsent(place + "|" + t.keyId() + "|" + t.nonce(), forgetAfter) == null;
    }

    void release(String place, CodeToken t) {
      until.remove(place + "|" + t.keyId() + "|" + t.nonce());
    }

    void forgetExpired(Instant now) {
      until.values().removeIf(u -> u < now.getEpochSecond());
    }
  }

  @Test
  void agreesWithTheBruteForceReferenceOnRandomTraffic() {
    SplittableRandom random = new SplittableRandom(20220412);
    for (int round = 0; round < 20; round++) {
      long slack = random.nextInt(0, 120);
      ReplayLedger ledger = new ReplayLedger(Duration.ofSeconds(slack));
      Reference reference = new Reference(slack);
      Instant now = T0.plusSeconds(random.nextInt(0, 86_400));
      // few nonces and key ids so that repeats, other keys and other places all happen; a (key id, nonce)
      // is one signed token, so one expiry
      CodeToken[] shown = new CodeToken[80];
      for (int i = 0; i < shown.length; i++) {
        shown[i] = token(1 + i % 2, i / 2 - 20, now.plusSeconds(random.nextInt(-60, 900)));
      }
      for (int step = 0; step < 5_000; step++) {
        String place = "V" + random.nextInt(4);
        CodeToken t = shown[random.nextInt(shown.length)];
        int op = random.nextInt(100);
        if (op < 80) {
          assertThat(ledger.firstUse(place, t)).as("round %d step %d: %s at %s", round, step, t, place)
              .isEqualTo(reference.firstUse(place, t));
        } else if (op < 95) {
          ledger.release(place, t);
          reference.release(place, t);
        } else {
          now = now.plusSeconds(random.nextInt(0, 120));
          ledger.forgetExpired(now);
          reference.forgetExpired(now);
        }
        if (step % 500 == 0) {
          assertThat(ledger.size()).isEqualTo(reference.until.size());
        }
      }
    }
  }
}
