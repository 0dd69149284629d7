package org.cordon.server.healthcode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import org.cordon.core.healthcode.CodeColour;
import org.cordon.core.healthcode.CodeToken;
import org.cordon.core.healthcode.CodeTokenIssuer;
import org.cordon.core.healthcode.CodeTokenKeys;
import org.cordon.core.healthcode.CodeTokenVerifier;
import org.cordon.core.healthcode.PersonPseudonyms;
import org.cordon.core.healthcode.TokenFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The deployment's QR tokens: issues them (Ed25519, {@link CodeTokenIssuer}) and checks them online.
 *
 * <p>Keys: the signing key, its key id and the pseudonym key come from
 * {@code cordon.healthcode.key-file} (a properties file, by default {@code <data-dir>/healthcode-keys.properties},
 * created with fresh keys on first start, readable by the owner only). The public key is published
 * ({@link #publicKey()}) so scanners can verify offline.
 *
 * <p>Online check: {@link CodeTokenVerifier#online}, which authenticates a token by its server tag
 * (an HMAC under the issuer's secret inside the signed payload) instead of the Ed25519 signature: the
 * same checks and the same failures (malformed, truncated, wrong key, forged, expired, not yet valid,
 * replayed), stateless, so it holds across restarts, at a fraction of a signature check's cost. Scanners
 * without the secret verify the signature offline with the published key.
 */
@Component
public class CodeTokens {

  private static final Logger LOG = LoggerFactory.getLogger(CodeTokens.class);
  /** Clock difference tolerated between the phone that shows a token and the server. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

  /** A token issued for a person: its QR text and content. */
  public record Issued(String text, CodeToken token, long personId) {
  }

  /**
   * The outcome of an online check: {@code failure} null for a valid token; {@code personId} known
   * (positive) whenever the signature was good.
   */
  public record Checked(TokenFailure failure, String detail, CodeToken token, long personId) {
    public boolean valid() {
      return failure == null;
    }
  }

  private final CodeTokenIssuer issuer;
  private final CodeTokenVerifier online;
  private final PersonPseudonyms pseudonyms;
  private final String publicKey;
  private final int keyId;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final HealthCodeManagement codes;

  CodeTokens(HealthCodeManagement codes, ObjectProvider<Clock> clock,
      @Value("${cordon.healthcode.key-file:${cordon.data-dir:data}/healthcode-keys.properties}") String keyFile) {
    this.clock = clock.getIfAvailable(Clock::systemUTC);
    this.codes = codes;
    Properties keys = keys(keyFile, random);
    this.keyId = Integer.parseInt(keys.getProperty("key-id"));
    PrivateKey signing = CodeTokenKeys.decodePrivate(keys.getProperty("signing-key"));
    PublicKey verifying = CodeTokenKeys.decodePublic(keys.getProperty("public-key"));
    this.pseudonyms = new PersonPseudonyms(Base64.getDecoder().decode(keys.getProperty("pseudonym-key")));
    this.issuer = new CodeTokenIssuer(keyId, signing, pseudonyms,
        Duration.ofSeconds(codes.policy().tokenValiditySeconds()), random);
    // the published key must be the signing key's: a scanner verifying offline must agree with us
    new CodeTokenVerifier(Map.of(keyId, verifying), CLOCK_SKEW);
    this.online = CodeTokenVerifier.online(keyId, pseudonyms, CLOCK_SKEW);
    this.publicKey = keys.getProperty("public-key");
  }

  /** Issues a token for {@code personId} showing {@code colour}, now. */
  public Issued issue(long personId, CodeColour colour) {
    return issue(personId, colour, clock.instant());
  }

  /**
   * Issues a token as of {@code at} (tests and benchmarks make old and new tokens with it), valid for the
   * active policy's {@code token-validity-seconds}: a policy switch at run time applies to the next token.
   */
  public Issued issue(long personId, CodeColour colour, Instant at) {
    CodeTokenIssuer.IssuedToken t = issuer.issue(personId, colour, at,
        Duration.ofSeconds(codes.policy().tokenValiditySeconds()));
    return new Issued(t.text(), t.token(), personId);
  }

  /**
   * Checks the QR text {@code text} at {@code now}; {@code ledger} is asked last, only for a token that
   * is otherwise valid, and decides replays.
   */
  public Checked check(String text, Instant now, CodeTokenVerifier.NonceLedger ledger) {
    CodeTokenVerifier.Check c = online.verify(text, now, ledger);
    if (c.token() == null) {
      return new Checked(c.failure(), c.detail(), null, -1);
    }
    OptionalLong person = pseudonyms.personId(c.token().pseudonym());
    if (person.isEmpty()) {
      // authenticated but not one of our pseudonyms: a leaked secret or a bug; never accept it
      return new Checked(TokenFailure.BAD_SIGNATURE, "the token's person is not one of ours", null, -1);
    }
    return new Checked(c.failure(), c.detail(), c.token(), person.getAsLong());
  }

  /** The public key scanners verify with (base64 of X.509 SubjectPublicKeyInfo) and its key id. */
  public Map<String, Object> publicKey() {
    return Map.of("keyId", keyId, "algorithm", "Ed25519", "publicKey", publicKey,
        "format", "base64url token of " + CodeToken.TOKEN_BYTES + " bytes: version u8, key id u16, "
            + "pseudonym 16 bytes, colour u8, issued epoch s u32, validity s u16, nonce 8 bytes, server tag 8 bytes, "
            + "Ed25519 signature over \"cordon-code-v1\" + the first " + CodeToken.PAYLOAD_BYTES + " bytes",
        "clockSkewSeconds", CLOCK_SKEW.getSeconds());
  }

  private static Properties keys(String keyFile, SecureRandom random) {
    Properties p = new Properties();
    Path file = keyFile == null || keyFile.isBlank() ? null : Path.of(keyFile);
    if (file != null && Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        p.load(in);
        return p;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read health-code keys from " + file, e);
      }
    }
    KeyPair pair = CodeTokenKeys.generate();
    p.setProperty("key-id", Integer.toString(1 + random.nextInt(0xFFFE)));
    p.setProperty("signing-key", CodeTokenKeys.encodePrivate(pair.getPrivate()));
    p.setProperty("public-key", CodeTokenKeys.encodePublic(pair.getPublic()));
    p.setProperty("pseudonym-key", Base64.getEncoder().encodeToString(PersonPseudonyms.newKey(random)));
    if (file != null) {
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
          p.store(out, "Cordon health-code token keys: keep secret, keep with the data");
        }
        LOG.info("health codes: new token keys (key id {}) written to {}", p.getProperty("key-id"), file);
      } catch (IOException | UnsupportedOperationException e) {
        throw new IllegalStateException("cannot write health-code keys to " + file + ": " + e.getMessage(), e);
      }
    }
    return p;
  }
}
