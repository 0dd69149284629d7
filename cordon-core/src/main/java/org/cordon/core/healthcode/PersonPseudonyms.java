package org.cordon.core.healthcode;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.OptionalLong;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Randomised, reversible person pseudonyms for QR tokens: one AES-128 block of
 * {@code personId (8 bytes) | random (4) | zero (4)} under the issuer's secret key. A venue sees 16
 * random-looking bytes that differ on every token (so scans cannot be linked by pseudonym); only the
 * key holder (the online checker) gets the person back, and a block that does not decrypt to the zero
 * check bytes is refused (a chance of 2^-32 for a random block; tokens are signed anyway).
 *
 * <p>The same secret keys the tokens' server tag ({@link #tag}): HMAC-SHA256 under a key derived from it
 * by encrypting two constant blocks, so one 16-byte secret is all the issuer keeps besides its signing key.
 * Thread-safe.
 */
public final class PersonPseudonyms {
  private final SecretKeySpec key;
  private final ThreadLocal<Cipher> encrypt;
  private final ThreadLocal<Cipher> decrypt;
  private final ThreadLocal<Mac> mac;

  /** @param aesKey 16 secret bytes (keep them with the signing key, never on scanners) */
  public PersonPseudonyms(byte[] aesKey) {
    if (aesKey == null || aesKey.length != 16) {
      throw new IllegalArgumentException("pseudonym key must be 16 bytes");
    }
    key = new SecretKeySpec(aesKey.clone(), "AES");
    encrypt = ThreadLocal.withInitial(() -> cipher(Cipher.ENCRYPT_MODE));
    decrypt = ThreadLocal.withInitial(() -> cipher(Cipher.DECRYPT_MODE));
    byte[] macKey = new byte[32];
    try {
      Cipher c = cipher(Cipher.ENCRYPT_MODE);
      byte[] block = new byte[16];
      block[15] = 1;
      System.arraycopy(c.doFinal(block), 0, macKey, 0, 16);
      block[15] = 2;
      System.arraycopy(c.doFinal(block), 0, macKey, 16, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES failed", e);
    }
    SecretKeySpec macSpec = new SecretKeySpec(macKey, "HmacSHA256");
    mac = ThreadLocal.withInitial(() -> {
      try {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(macSpec);
        return m;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is not available", e);
      }
    });
  }

  /** The server tag of {@code bytes[0..len)}: the first 8 bytes of their HMAC-SHA256, as a long. */
  public long tag(byte[] bytes, int len) {
    Mac m = mac.get();
    m.update(bytes, 0, len);
    return ByteBuffer.wrap(m.doFinal()).getLong();
  }

  /** A fresh random key. */
  public static byte[] newKey(SecureRandom random) {
    byte[] k = new byte[16];
    random.nextBytes(k);
    return k;
  }

  /** A new pseudonym of {@code personId} (16 bytes). */
  public byte[] pseudonym(long personId, SecureRandom random) {
    ByteBuffer block = ByteBuffer.allocate(16).putLong(personId).putInt(random.nextInt()).putInt(0);
    try {
      return encrypt.get().doFinal(block.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES failed", e);
    }
  }

  /** The person behind a token's pseudonym (base64url), or empty when it is not one of ours. */
  public OptionalLong personId(String pseudonym) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(pseudonym);
    } catch (IllegalArgumentException e) {
      return OptionalLong.empty();
    }
    if (bytes.length != 16) {
      return OptionalLong.empty();
    }
    try {
      ByteBuffer block = ByteBuffer.wrap(decrypt.get().doFinal(bytes));
      long person = block.getLong(0);
      return block.getInt(12) == 0 && person > 0 ? OptionalLong.of(person) : OptionalLong.empty();
    } catch (GeneralSecurityException e) {
      return OptionalLong.empty();
    }
  }

  private Cipher cipher(int mode) {
    try {
      Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
      c.init(mode, key);
      return c;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES is not available", e);
    }
  }
}
