package org.cordon.core.healthcode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Signs QR tokens ({@link CodeToken}) with an Ed25519 private key. Thread-safe (one
 * {@link Signature} per thread).
 */
public final class CodeTokenIssuer {
  static final byte[] CONTEXT = "cordon-code-v1".getBytes(StandardCharsets.US_ASCII);

  private final int keyId;
  private final PrivateKey key;
  private final PersonPseudonyms pseudonyms;
  private final int validitySeconds;
  private final SecureRandom random;
  private final ThreadLocal<Signature> signer;

  /** A signed token and its QR text. */
  public record IssuedToken(String text, CodeToken token) {
  }

  /**
   * @param keyId published with the public key, 0..65535
   * @param validity token lifetime, 1 s .. 18 h (policy {@code token-validity-seconds})
   */
  public CodeTokenIssuer(int keyId, PrivateKey key, PersonPseudonyms pseudonyms, Duration validity,
      SecureRandom random) {
    if (keyId < 0 || keyId > 0xFFFF) {
      throw new IllegalArgumentException("key id must be 0..65535, got " + keyId);
    }
    long seconds = validity.getSeconds();
    if (seconds < 1 || seconds > 0xFFFF) {
      throw new IllegalArgumentException("validity must be 1..65535 s, got " + validity);
    }
    this.keyId = keyId;
    this.key = Objects.requireNonNull(key);
    this.pseudonyms = Objects.requireNonNull(pseudonyms);
    this.validitySeconds = (int) seconds;
    this.random = Objects.requireNonNull(random);
    this.signer = ThreadLocal.withInitial(() -> {
      try {
        return Signature.getInstance("Ed25519");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Ed25519 is not available", e);
      }
    });
  }

  /** Issues a token for {@code personId} showing {@code colour}, valid from {@code now} (whole seconds). */
  public IssuedToken issue(long personId, CodeColour colour, Instant now) {
    long issued = now.getEpochSecond();
    if (issued < 0 || issued > 0xFFFFFFFFL - 0xFFFF) {
      throw new IllegalArgumentException("time " + now + " does not fit the token format");
    }
    byte[] pseudonym = pseudonyms.pseudonym(personId, random);
    long nonce = random.nextLong();
    ByteBuffer buf = ByteBuffer.allocate(CodeToken.TOKEN_BYTES);
    buf.put((byte) CodeToken.VERSION).putShort((short) keyId).put(pseudonym).put((byte) colour.ordinal())
        .putInt((int) issued).putShort((short) validitySeconds).putLong(nonce);
    try {
      Signature s = signer.get();
      s.initSign(key);
      s.update(CONTEXT);
      s.update(buf.array(), 0, CodeToken.PAYLOAD_BYTES);
      buf.put(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing failed", e);
    }
    String text = Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
    CodeToken token = new CodeToken(keyId, Base64.getUrlEncoder().withoutPadding().encodeToString(pseudonym),
        colour, Instant.ofEpochSecond(issued), Instant.ofEpochSecond(issued + validitySeconds), nonce);
    return new IssuedToken(text, token);
  }
}
