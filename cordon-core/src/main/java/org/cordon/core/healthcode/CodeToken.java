package org.cordon.core.healthcode;

import java.time.Instant;

/**
 * The signed content of a QR code. The person appears only as a pseudonym (see
 * {@link PersonPseudonyms}); {@code nonce} is random per token, so an online checker can remember
 * {@code (keyId, nonce)} until {@code expiresAt} to refuse a second use.
 *
 * <p>Wire format ({@link #VERSION} 1, big-endian): version u8 | key id u16 | pseudonym 16 bytes |
 * colour u8 (0 green, 1 yellow, 2 red) | issued epoch seconds u32 | validity seconds u16 | nonce 8 bytes |
 * server tag 8 bytes ({@value #PAYLOAD_BYTES} bytes), then the Ed25519 signature (64 bytes) over
 * {@code "cordon-code-v1" + payload}; the whole as base64url without padding (142 characters). The
 * server tag is a truncated HMAC-SHA256 of the first 34 bytes under the issuer's secret: the issuer's own
 * online check verifies it instead of the (much slower) signature; offline scanners verify the signature.
 *
 * @param pseudonym base64url of the 16 pseudonym bytes
 */
public record CodeToken(int keyId, String pseudonym, CodeColour colour, Instant issuedAt, Instant expiresAt,
    long nonce) {

  public static final int VERSION = 1;
  public static final int PAYLOAD_BYTES = 42;
  /** Bytes covered by the server tag. */
  public static final int TAGGED_BYTES = 34;
  public static final int TAG_BYTES = 8;
  public static final int SIGNATURE_BYTES = 64;
  public static final int TOKEN_BYTES = PAYLOAD_BYTES + SIGNATURE_BYTES;
  /** Length of a token's text: base64url of {@link #TOKEN_BYTES} without padding. */
  public static final int TEXT_LENGTH = (TOKEN_BYTES * 8 + 5) / 6;

  /** A key for a replay ledger: key id and nonce ("7:1f3a..."), as checks record it. */
  public String replayKey() {
    return keyId + ":" + Long.toHexString(nonce);
  }

  /** The key id of a {@link #replayKey()}. */
  public static int replayKeyId(String replayKey) {
    return Integer.parseInt(replayKey, 0, colon(replayKey), 10);
  }

  /** The nonce of a {@link #replayKey()}. */
  public static long replayNonce(String replayKey) {
    return Long.parseUnsignedLong(replayKey, colon(replayKey) + 1, replayKey.length(), 16);
  }

  private static int colon(String replayKey) {
    int colon = replayKey.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("not a replay key (key id:hex nonce): " + replayKey);
    }
    return colon;
  }
}
