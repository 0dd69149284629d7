package org.cordon.core.healthcode;

/** Why a QR token was refused; each is a specific answer for the scanner and the audit log. */
public enum TokenFailure {
  /** Not a token at all: not base64url, too long, unknown format version, impossible field values. */
  MALFORMED,
  /** A valid beginning of a token, cut short (a partly scanned or cropped code). */
  TRUNCATED,
  /** The signature does not match the content: forged or altered. */
  BAD_SIGNATURE,
  /** Signed with a key id the verifier does not know (another issuer, a retired key). */
  WRONG_KEY,
  /** Validity ended (a screenshot, or a replay after expiry). */
  EXPIRED,
  /** Issued in the future beyond the allowed clock skew. */
  NOT_YET_VALID,
  /** The nonce was already used, as reported by the caller's {@link CodeTokenVerifier.NonceLedger}. */
  REPLAYED
}
