package org.cordon.core.healthcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CodeTokenTest {
  private static final KeyPair KEYS = CodeTokenKeys.generate();
  private static final KeyPair OTHER = CodeTokenKeys.generate();
  private static final Instant NOW = Instant.parse("2022-04-12T02:00:00Z");
  private final SecureRandom random = new SecureRandom();
  private final PersonPseudonyms pseudonyms = new PersonPseudonyms(PersonPseudonyms.newKey(random));
  private final CodeTokenIssuer issuer = new CodeTokenIssuer(7, KEYS.getPrivate(), pseudonyms, Duration.ofMinutes(3), random);
  private final CodeTokenVerifier verifier = new CodeTokenVerifier(Map.of(7, KEYS.getPublic()), Duration.ofSeconds(30));

  @Test
  void aFreshTokenVerifiesOfflineAndItsPseudonymLeadsBackToThePersonOnlyWithTheKey() {
    CodeTokenIssuer.IssuedToken issued = issuer.issue(123456789L, CodeColour.YELLOW, NOW);
    assertThat(issued.text()).hasSize(CodeToken.TEXT_LENGTH).matches("[A-Za-z0-9_-]+");
    CodeTokenVerifier.Check check = verifier.verify(issued.text(), NOW.plusSeconds(10));
    assertThat(check.valid()).isTrue();
    assertThat(check.token()).isEqualTo(issued.token());
    assertThat(check.token().colour()).isEqualTo(CodeColour.YELLOW);
    assertThat(check.token().expiresAt()).isEqualTo(NOW.plusSeconds(180));
    assertThat(pseudonyms.personId(check.token().pseudonym())).hasValue(123456789L);
    PersonPseudonyms otherKey = new PersonPseudonyms(PersonPseudonyms.newKey(random));
    assertThat(otherKey.personId(check.token().pseudonym())).isEmpty();
    assertThat(issued.text()).doesNotContain("123456789");
  }

  @Test
  void aTokenMayCarryItsOwnLifetimeAndExpiresByIt() {
    // the server issues with the active policy's validity, which a switch at run time may change
    CodeTokenIssuer.IssuedToken shortLived = issuer.issue(42, CodeColour.GREEN, NOW, Duration.ofSeconds(60));
    assertThat(shortLived.token().expiresAt()).isEqualTo(NOW.plusSeconds(60));
    assertThat(verifier.verify(shortLived.text(), NOW.plusSeconds(59)).valid()).isTrue();
    assertThat(verifier.verify(shortLived.text(), NOW.plusSeconds(61 + 30)).failure()).isEqualTo(TokenFailure.EXPIRED);
    assertThat(verifier.verify(issuer.issue(42, CodeColour.GREEN, NOW).text(), NOW.plusSeconds(61 + 30)).valid())
        .as("the issuer's own 3 minutes").isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> issuer.issue(42, CodeColour.GREEN, NOW, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validity");
  }

  @Test
  void pseudonymsAndNoncesDifferOnEveryToken() {
    Set<String> seen = new HashSet<>();
    Set<Long> nonces = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      CodeToken t = issuer.issue(5, CodeColour.GREEN, NOW).token();
      seen.add(t.pseudonym());
      nonces.add(t.nonce());
    }
    assertThat(seen).hasSize(50);
    assertThat(nonces).hasSize(50);
  }

  @Test
  void aTokenSignedByAnotherKeyUnderOurKeyIdIsForged() {
    CodeTokenIssuer forger = new CodeTokenIssuer(7, OTHER.getPrivate(), pseudonyms, Duration.ofMinutes(3), random);
    CodeTokenVerifier.Check check = verifier.verify(forger.issue(1, CodeColour.GREEN, NOW).text(), NOW);
    assertThat(check.failure()).isEqualTo(TokenFailure.BAD_SIGNATURE);
    assertThat(check.token()).isNull();
  }

  @Test
  void everyAlteredByteIsRefused() {
    String text = issuer.issue(99, CodeColour.RED, NOW).text();
    byte[] bytes = Base64.getUrlDecoder().decode(text);
    for (int i = 0; i < bytes.length; i++) {
      byte[] altered = bytes.clone();
      altered[i] ^= 0x04;
      CodeTokenVerifier.Check check = verifier.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(altered), NOW);
      TokenFailure expected = i == 0 ? TokenFailure.MALFORMED : i <= 2 ? TokenFailure.WRONG_KEY : TokenFailure.BAD_SIGNATURE;
      assertThat(check.failure()).as("byte %d", i).isEqualTo(expected);
    }
    // the green-for-red swap a forger would try
    byte[] green = bytes.clone();
    green[19] = 0;
    assertThat(verifier.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(green), NOW).failure())
        .isEqualTo(TokenFailure.BAD_SIGNATURE);
  }

  @Test
  void truncatedMalformedAndWrongKeyTokensGetSpecificFailures() {
    String text = issuer.issue(99, CodeColour.GREEN, NOW).text();
    for (int n = 1; n < text.length(); n++) {
      assertThat(verifier.verify(text.substring(0, n), NOW).failure()).as("first %d characters", n)
          .isEqualTo(TokenFailure.TRUNCATED);
    }
    assertThat(verifier.verify("", NOW).failure()).isEqualTo(TokenFailure.MALFORMED);
    assertThat(verifier.verify(null, NOW).failure()).isEqualTo(TokenFailure.MALFORMED);
    assertThat(verifier.verify(text + "AAAA", NOW).failure()).isEqualTo(TokenFailure.MALFORMED);
    assertThat(verifier.verify(text.substring(0, 50) + "+" + text.substring(51), NOW).failure())
        .isEqualTo(TokenFailure.MALFORMED);
    assertThat(verifier.verify("https://example.org/?code=1", NOW).failure()).isEqualTo(TokenFailure.MALFORMED);
    CodeTokenVerifier otherScanner = new CodeTokenVerifier(Map.of(8, KEYS.getPublic()), Duration.ZERO);
    CodeTokenVerifier.Check wrong = otherScanner.verify(text, NOW);
    assertThat(wrong.failure()).isEqualTo(TokenFailure.WRONG_KEY);
    assertThat(wrong.detail()).contains("unknown key id 7");
  }

  @Test
  void aScreenshotGoesStaleAndAFutureTokenIsNotYetValid() {
    CodeTokenIssuer.IssuedToken issued = issuer.issue(1, CodeColour.GREEN, NOW);
    CodeTokenVerifier strict = new CodeTokenVerifier(Map.of(7, KEYS.getPublic()), Duration.ZERO);
    assertThat(strict.verify(issued.text(), NOW.plusSeconds(179)).valid()).isTrue();
    CodeTokenVerifier.Check stale = strict.verify(issued.text(), NOW.plusSeconds(180));
    assertThat(stale.failure()).isEqualTo(TokenFailure.EXPIRED);
    assertThat(stale.token().nonce()).as("reported for the audit").isEqualTo(issued.token().nonce());
    assertThat(verifier.verify(issued.text(), NOW.plusSeconds(209)).valid()).as("30 s skew").isTrue();
    assertThat(verifier.verify(issued.text(), NOW.plusSeconds(210)).failure()).isEqualTo(TokenFailure.EXPIRED);
    assertThat(strict.verify(issued.text(), NOW.minusSeconds(1)).failure()).isEqualTo(TokenFailure.NOT_YET_VALID);
    assertThat(verifier.verify(issued.text(), NOW.minusSeconds(30)).valid()).isTrue();
  }

  @Test
  void aReplayIsRefusedWithALedgerAndAfterExpiryAlways() {
    Set<String> ledger = new HashSet<>();
    CodeTokenVerifier.NonceLedger once = t -> ledger.add(t.replayKey());
    String text = issuer.issue(1, CodeColour.GREEN, NOW).text();
    assertThat(verifier.verify(text, NOW, once).valid()).isTrue();
    assertThat(verifier.verify(text, NOW.plusSeconds(5), once).failure()).isEqualTo(TokenFailure.REPLAYED);
    assertThat(verifier.verify(text, NOW.plusSeconds(600)).failure()).isEqualTo(TokenFailure.EXPIRED);
  }

  @Test
  void signaturesAreStandardEd25519ThatTheJdkProviderVerifies() throws Exception {
    byte[] bytes = Base64.getUrlDecoder().decode(issuer.issue(31, CodeColour.RED, NOW).text());
    java.security.Signature jdk = java.security.Signature.getInstance("Ed25519");
    jdk.initVerify(KEYS.getPublic());
    jdk.update(CodeTokenIssuer.CONTEXT);
    jdk.update(bytes, 0, CodeToken.PAYLOAD_BYTES);
    assertThat(jdk.verify(java.util.Arrays.copyOfRange(bytes, CodeToken.PAYLOAD_BYTES, CodeToken.TOKEN_BYTES))).isTrue();
    // and a token signed by the JDK provider passes our verifier
    jdk.initSign(KEYS.getPrivate());
    jdk.update(CodeTokenIssuer.CONTEXT);
    jdk.update(bytes, 0, CodeToken.PAYLOAD_BYTES);
    System.arraycopy(jdk.sign(), 0, bytes, CodeToken.PAYLOAD_BYTES, CodeToken.SIGNATURE_BYTES);
    assertThat(verifier.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), NOW).valid()).isTrue();
  }

  @Test
  void theIssuersOnlineCheckUsesTheServerTagWithTheSameFailures() {
    CodeTokenVerifier online = CodeTokenVerifier.online(7, pseudonyms, Duration.ZERO);
    CodeTokenIssuer.IssuedToken issued = issuer.issue(77, CodeColour.YELLOW, NOW);
    CodeTokenVerifier.Check ok = online.verify(issued.text(), NOW);
    assertThat(ok.valid()).isTrue();
    assertThat(ok.token()).isEqualTo(issued.token());
    byte[] bytes = Base64.getUrlDecoder().decode(issued.text());
    for (int i = 3; i < CodeToken.PAYLOAD_BYTES; i++) {
      byte[] altered = bytes.clone();
      altered[i] ^= 0x10;
      assertThat(online.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(altered), NOW).failure())
          .as("payload byte %d", i).isEqualTo(TokenFailure.BAD_SIGNATURE);
    }
    // another issuer's secret (a forger with a stolen signing key but not the secret) fails too
    PersonPseudonyms otherSecret = new PersonPseudonyms(PersonPseudonyms.newKey(random));
    CodeTokenIssuer forger = new CodeTokenIssuer(7, KEYS.getPrivate(), otherSecret, Duration.ofMinutes(3), random);
    assertThat(online.verify(forger.issue(77, CodeColour.GREEN, NOW).text(), NOW).failure())
        .isEqualTo(TokenFailure.BAD_SIGNATURE);
    assertThat(online.verify(issued.text(), NOW.plusSeconds(180)).failure()).isEqualTo(TokenFailure.EXPIRED);
    assertThat(CodeTokenVerifier.online(8, pseudonyms, Duration.ZERO).verify(issued.text(), NOW).failure())
        .isEqualTo(TokenFailure.WRONG_KEY);
    assertThat(online.verify(issued.text().substring(0, 100), NOW).failure()).isEqualTo(TokenFailure.TRUNCATED);
  }

  @Test
  void keysSurviveTheirTextForms() {
    String pub = CodeTokenKeys.encodePublic(KEYS.getPublic());
    String priv = CodeTokenKeys.encodePrivate(KEYS.getPrivate());
    CodeTokenIssuer reloaded = new CodeTokenIssuer(7, CodeTokenKeys.decodePrivate(priv), pseudonyms,
        Duration.ofMinutes(3), random);
    CodeTokenVerifier published = new CodeTokenVerifier(Map.of(7, CodeTokenKeys.decodePublic(pub)), Duration.ZERO);
    assertThat(published.verify(reloaded.issue(1, CodeColour.RED, NOW).text(), NOW).valid()).isTrue();
  }

  @Test
  void aReplayKeyReadsBackAsItsKeyIdAndNonce() {
    for (long nonce : new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x1f3a9c0d5e7b2468L}) {
      String key = new CodeToken(65_535, "p", CodeColour.GREEN, NOW, NOW.plusSeconds(180), nonce).replayKey();
      assertThat(CodeToken.replayKeyId(key)).isEqualTo(65_535);
      assertThat(CodeToken.replayNonce(key)).as(key).isEqualTo(nonce);
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CodeToken.replayKeyId("cpfr-0"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a replay key");
  }
}
