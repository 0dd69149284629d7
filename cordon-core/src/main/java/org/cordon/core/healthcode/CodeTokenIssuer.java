package org.cordon.core.healthcode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Signs QR tokens ({@link CodeToken}) with an Ed25519 private key (RFC 8032, Bouncy Castle's
 * implementation: about ten times the JDK 17 provider's rate; the signatures are the same and the JDK's
 * {@code Signature("Ed25519")} verifies them). Thread-safe.
 */
public final class CodeTokenIssuer {
  static final byte[] CONTEXT = "cordon-code-v1".getBytes(StandardCharsets.US_ASCII);

  private final int keyId;
  private final byte[] secret;
  private final byte[] publicKey;
  private final PersonPseudonyms pseudonyms;
  private final int validitySeconds;
  private final SecureRandom random;

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
    this.keyId = keyId;
    this.secret = CodeTokenKeys.rawPrivate(Objects.requireNonNull(key));
    this.publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(secret, 0, publicKey, 0);
    this.pseudonyms = Objects.requireNonNull(pseudonyms);
    this.validitySeconds = seconds(validity);
    this.random = Objects.requireNonNull(random);
  }

  private static int seconds(Duration validity) {
    long seconds = validity.getSeconds();
    if (seconds < 1 || seconds > 0xFFFF) {
      throw new IllegalArgumentException("validity must be 1..65535 s, got " + validity);
    }
    return (int) seconds;
  }

  /** Issues a token for {@code personId} showing {@code colour}, valid from {@code now} (whole seconds). */
  public IssuedToken issue(long personId, CodeColour colour, Instant now) {
    return issue(personId, colour, now, validitySeconds);
  }

  /**
   * {@link #issue(long, CodeColour, Instant)} with its own lifetime (the active policy's, when it can
   * change at run time).
   */
  public IssuedToken issue(long personId, CodeColour colour, Instant now, Duration validity) {
    return issue(personId, colour, now, seconds(validity));
  }

  private IssuedToken issue(long personId, CodeColour colour, Instant now, int validitySeconds) {
    long issued = now.getEpochSecond();
    if (issued < 0 || issued > 0xFFFFFFFFL - 0xFFFF) {
      throw new IllegalArgumentException("time " + now + " does not fit the token format");
    }
    byte[] pseudonym = pseudonyms.pseudonym(personId, random);
    long nonce = random.nextLong();
    ByteBuffer buf = ByteBuffer.allocate(CONTEXT.length + CodeToken.TOKEN_BYTES).put(CONTEXT);
    buf.put((byte) CodeToken.VERSION).putShort((short) keyId).put(pseudonym).put((byte) colour.ordinal())
        .putInt((int) issued).putShort((short) validitySeconds).putLong(nonce);
    byte[] bytes = buf.array();
    buf.putLong(pseudonyms.tag(Arrays.copyOfRange(bytes, CONTEXT.length, CONTEXT.length + CodeToken.TAGGED_BYTES),
        CodeToken.TAGGED_BYTES));
    Ed25519.sign(secret, 0, publicKey, 0, bytes, 0, CONTEXT.length + CodeToken.PAYLOAD_BYTES, bytes,
        CONTEXT.length + CodeToken.PAYLOAD_BYTES);
    String text = Base64.getUrlEncoder().withoutPadding().encodeToString(
        Arrays.copyOfRange(bytes, CONTEXT.length, bytes.length));
    CodeToken token = new CodeToken(keyId, Base64.getUrlEncoder().withoutPadding().encodeToString(pseudonym),
        colour, Instant.ofEpochSecond(issued), Instant.ofEpochSecond(issued + validitySeconds), nonce);
    return new IssuedToken(text, token);
  }
}
