package org.cordon.core.healthcode;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 key pairs for QR tokens and their text forms (standard base64 of X.509 / PKCS#8 DER). Keys are
 * the JDK's; signing and verifying use their raw 32-byte RFC 8032 forms ({@link #rawPublic},
 * {@link #rawPrivate}).
 */
public final class CodeTokenKeys {
  /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), followed by the 32 key bytes. */
  private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
  /** DER prefix of an Ed25519 PKCS#8 PrivateKeyInfo without attributes (RFC 8410), then 32 bytes. */
  private static final byte[] PKCS8_PREFIX = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
      0x04, 0x22, 0x04, 0x20};

  private CodeTokenKeys() {
  }

  /** The 32 raw bytes of an Ed25519 public key. @throws IllegalArgumentException for another key */
  public static byte[] rawPublic(PublicKey key) {
    return raw(key.getEncoded(), X509_PREFIX, "public");
  }

  /** The 32 raw bytes (seed) of an Ed25519 private key. @throws IllegalArgumentException for another key */
  public static byte[] rawPrivate(PrivateKey key) {
    return raw(key.getEncoded(), PKCS8_PREFIX, "private");
  }

  private static byte[] raw(byte[] der, byte[] prefix, String what) {
    if (der == null || der.length != prefix.length + 32
        || !java.util.Arrays.equals(der, 0, prefix.length, prefix, 0, prefix.length)) {
      throw new IllegalArgumentException("not an Ed25519 " + what + " key");
    }
    return java.util.Arrays.copyOfRange(der, prefix.length, der.length);
  }

  /** A new Ed25519 key pair (JDK provider). */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available", e);
    }
  }

  /** The public key as published to scanners (base64 of X.509 SubjectPublicKeyInfo). */
  public static String encodePublic(PublicKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /** Reads {@link #encodePublic}'s form. @throws IllegalArgumentException if it is not an Ed25519 key */
  public static PublicKey decodePublic(String text) {
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(text)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
    }
  }

  /** The private key as stored by the issuer (base64 of PKCS#8). */
  public static String encodePrivate(PrivateKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /** Reads {@link #encodePrivate}'s form. @throws IllegalArgumentException if it is not an Ed25519 key */
  public static PrivateKey decodePrivate(String text) {
    try {
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not an Ed25519 private key: " + e.getMessage(), e);
    }
  }
}
