package org.cordon.core.healthcode;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * Checks QR tokens offline, with public keys only (a venue scanner can run it). Checks in order:
 * format and length ({@link TokenFailure#MALFORMED}, {@link TokenFailure#TRUNCATED}), key id
 * ({@link TokenFailure#WRONG_KEY}), signature ({@link TokenFailure#BAD_SIGNATURE}), then time
 * ({@link TokenFailure#NOT_YET_VALID}, {@link TokenFailure#EXPIRED}) with a clock-skew allowance, and
 * finally, if given, the caller's replay ledger ({@link TokenFailure#REPLAYED}). The colour in a valid
 * token is the colour at issue time: an online check's current colour wins when they differ.
 * Thread-safe.
 */
public final class CodeTokenVerifier {
  private final Map<Integer, PublicKey> keys;
  private final long skewSeconds;
  private final ThreadLocal<Signature> verifier = ThreadLocal.withInitial(() -> {
    try {
      return Signature.getInstance("Ed25519");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available", e);
    }
  });

  /**
   * Remembers nonces of accepted tokens until they expire (an online checker's store); the hook for
   * replay protection within a token's validity.
   */
  @FunctionalInterface
  public interface NonceLedger {
    /** True the first time {@code token} is seen; false for a second use. */
    boolean firstUse(CodeToken token);
  }

  /**
   * The outcome: {@code failure} is null for a valid token. {@code token} is present when the signature
   * was good (also for EXPIRED, NOT_YET_VALID and REPLAYED, so the caller can log the nonce and issue
   * time), absent otherwise (unauthenticated content is never returned).
   */
  public record Check(TokenFailure failure, CodeToken token, String detail) {
    public boolean valid() {
      return failure == null;
    }

    static Check fail(TokenFailure f, String detail) {
      return new Check(f, null, detail);
    }
  }

  /**
   * @param keys the published public keys by key id
   * @param clockSkew tolerated difference between the issuer's and the scanner's clocks (0..10 min)
   */
  public CodeTokenVerifier(Map<Integer, PublicKey> keys, Duration clockSkew) {
    this.keys = Map.copyOf(keys);
    if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("clock skew must be 0..10 minutes");
    }
    this.skewSeconds = clockSkew.getSeconds();
  }

  /** Verifies without a replay ledger. */
  public Check verify(String text, Instant now) {
    return verify(text, now, null);
  }

  /** Verifies {@code text} (the QR content) at {@code now}; see the class comment for the order. */
  public Check verify(String text, Instant now, NonceLedger ledger) {
    if (text == null || text.isEmpty()) {
      return Check.fail(TokenFailure.MALFORMED, "empty token");
    }
    String t = text.strip();
    while (t.endsWith("=")) {
      t = t.substring(0, t.length() - 1);
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
        return Check.fail(TokenFailure.MALFORMED, "character " + (i + 1) + " is not base64url");
      }
    }
    if (t.length() < CodeToken.TEXT_LENGTH) {
      return Check.fail(TokenFailure.TRUNCATED, t.length() + " of " + CodeToken.TEXT_LENGTH + " characters");
    }
    if (t.length() > CodeToken.TEXT_LENGTH) {
      return Check.fail(TokenFailure.MALFORMED, t.length() + " characters, expected " + CodeToken.TEXT_LENGTH);
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(t);
    } catch (IllegalArgumentException e) {
      return Check.fail(TokenFailure.MALFORMED, "not base64url: " + e.getMessage());
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    int version = buf.get() & 0xFF;
    if (version != CodeToken.VERSION) {
      return Check.fail(TokenFailure.MALFORMED, "unknown token version " + version);
    }
    int keyId = buf.getShort() & 0xFFFF;
    PublicKey key = keys.get(keyId);
    if (key == null) {
      return Check.fail(TokenFailure.WRONG_KEY, "unknown key id " + keyId);
    }
    if (!signatureMatches(key, bytes)) {
      return Check.fail(TokenFailure.BAD_SIGNATURE, "signature does not match (forged or altered)");
    }
    byte[] pseudonym = new byte[16];
    buf.get(pseudonym);
    int colour = buf.get() & 0xFF;
    long issued = buf.getInt() & 0xFFFFFFFFL;
    int validity = buf.getShort() & 0xFFFF;
    long nonce = buf.getLong();
    if (colour >= CodeColour.values().length || validity == 0) {
      return Check.fail(TokenFailure.MALFORMED, "signed but impossible colour " + colour + " or validity " + validity);
    }
    CodeToken token = new CodeToken(keyId, Base64.getUrlEncoder().withoutPadding().encodeToString(pseudonym),
        CodeColour.values()[colour], Instant.ofEpochSecond(issued), Instant.ofEpochSecond(issued + validity), nonce);
    long nowSeconds = now.getEpochSecond();
    if (issued > nowSeconds + skewSeconds) {
      return new Check(TokenFailure.NOT_YET_VALID, token, "issued " + token.issuedAt() + ", now " + now);
    }
    if (issued + validity + skewSeconds <= nowSeconds) {
      return new Check(TokenFailure.EXPIRED, token, "expired " + token.expiresAt() + ", now " + now);
    }
    if (ledger != null && !ledger.firstUse(token)) {
      return new Check(TokenFailure.REPLAYED, token, "nonce " + token.replayKey() + " was already used");
    }
    return new Check(null, token, "valid until " + token.expiresAt());
  }

  private boolean signatureMatches(PublicKey key, byte[] bytes) {
    try {
      Signature s = verifier.get();
      s.initVerify(key);
      s.update(CodeTokenIssuer.CONTEXT);
      s.update(bytes, 0, CodeToken.PAYLOAD_BYTES);
      return s.verify(Arrays.copyOfRange(bytes, CodeToken.PAYLOAD_BYTES, CodeToken.TOKEN_BYTES));
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
