package org.cordon.core.healthcode;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.OptionalLong;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Randomised, reversible person pseudonyms for QR tokens: one AES-128 block of
 * {@code personId (8 bytes) | random (4) | zero (4)} under the issuer's secret key. A venue sees 16
 * random-looking bytes that differ on every token (so scans cannot be linked by pseudonym); only the
 * key holder (the online checker) gets the person back, and a block that does not decrypt to the zero
 * check bytes is refused (a chance of 2^-32 for a random block; tokens are signed anyway).
 * Thread-safe.
 */
public final class PersonPseudonyms {
  private final SecretKeySpec key;
  private final ThreadLocal<Cipher> encrypt;
  private final ThreadLocal<Cipher> decrypt;

  /** @param aesKey 16 secret bytes (keep them with the signing key, never on scanners) */
  public PersonPseudonyms(byte[] aesKey) {
    if (aesKey == null || aesKey.length != 16) {
      throw new IllegalArgumentException("pseudonym key must be 16 bytes");
    }
    key = new SecretKeySpec(aesKey.clone(), "AES");
    encrypt = ThreadLocal.withInitial(() -> cipher(Cipher.ENCRYPT_MODE));
    decrypt = ThreadLocal.withInitial(() -> cipher(Cipher.DECRYPT_MODE));
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
