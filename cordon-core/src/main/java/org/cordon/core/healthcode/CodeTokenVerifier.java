package org.cordon.core.healthcode;

import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Checks QR tokens offline, with public keys only (a venue scanner can run it). Checks in order:
 * format and length ({@link TokenFailure#MALFORMED}, {@link TokenFailure#TRUNCATED}), key id
 * ({@link TokenFailure#WRONG_KEY}), signature ({@link TokenFailure#BAD_SIGNATURE}), then time
 * ({@link TokenFailure#NOT_YET_VALID}, {@link TokenFailure#EXPIRED}) with a clock-skew allowance, and
 * finally, if given, the caller's replay ledger ({@link TokenFailure#REPLAYED}). The colour in a valid
 * token is the colour at issue time: an online check's current colour wins when they differ.
 * Signatures are RFC 8032 Ed25519 (Bouncy Castle's implementation, each public key decoded and validated
 * once). Thread-safe.
 */
public final class CodeTokenVerifier {
  private final Map<Integer, Ed25519.PublicPoint> keys;
  private final long skewSeconds;
  /** Online mode: the issuer's secret and key id; the server tag is checked instead of the signature. */
  private final PersonPseudonyms secret;
  private final int onlineKeyId;

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
    Map<Integer, Ed25519.PublicPoint> points = new HashMap<>();
    for (Map.Entry<Integer, PublicKey> e : keys.entrySet()) {
      Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(CodeTokenKeys.rawPublic(e.getValue()), 0);
      if (point == null) {
        throw new IllegalArgumentException("public key " + e.getKey() + " is not a valid Ed25519 point");
      }
      points.put(e.getKey(), point);
    }
    this.keys = Map.copyOf(points);
    this.skewSeconds = skew(clockSkew);
    this.secret = null;
    this.onlineKeyId = -1;
  }

  private CodeTokenVerifier(int keyId, PersonPseudonyms secret, Duration clockSkew) {
    this.keys = Map.of();
    this.skewSeconds = skew(clockSkew);
    this.secret = secret;
    this.onlineKeyId = keyId;
  }

  /**
   * The issuer's online checker: the same checks and failures, but a token is authenticated by its
   * server tag (HMAC under the issuer's secret, about 30× faster than an Ed25519 verification) instead
   * of the signature; only tokens of {@code keyId} are known. For the server, never for scanners.
   */
  public static CodeTokenVerifier online(int keyId, PersonPseudonyms secret, Duration clockSkew) {
    return new CodeTokenVerifier(keyId, java.util.Objects.requireNonNull(secret), clockSkew);
  }

  private static long skew(Duration clockSkew) {
    if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("clock skew must be 0..10 minutes");
    }
    return clockSkew.getSeconds();
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
    if (secret != null) {
      if (keyId != onlineKeyId) {
        return Check.fail(TokenFailure.WRONG_KEY, "unknown key id " + keyId);
      }
      long tag = ByteBuffer.wrap(bytes).getLong(CodeToken.TAGGED_BYTES);
      if (secret.tag(bytes, CodeToken.TAGGED_BYTES) != tag) {
        return Check.fail(TokenFailure.BAD_SIGNATURE, "server tag does not match (forged or altered)");
      }
    } else {
      Ed25519.PublicPoint key = keys.get(keyId);
      if (key == null) {
        return Check.fail(TokenFailure.WRONG_KEY, "unknown key id " + keyId);
      }
      if (!signatureMatches(key, bytes)) {
        return Check.fail(TokenFailure.BAD_SIGNATURE, "signature does not match (forged or altered)");
      }
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

  private static boolean signatureMatches(Ed25519.PublicPoint key, byte[] bytes) {
    byte[] message = new byte[CodeTokenIssuer.CONTEXT.length + CodeToken.PAYLOAD_BYTES];
    System.arraycopy(CodeTokenIssuer.CONTEXT, 0, message, 0, CodeTokenIssuer.CONTEXT.length);
    System.arraycopy(bytes, 0, message, CodeTokenIssuer.CONTEXT.length, CodeToken.PAYLOAD_BYTES);
    return Ed25519.verify(bytes, CodeToken.PAYLOAD_BYTES, key, message, 0, message.length);
  }
}
