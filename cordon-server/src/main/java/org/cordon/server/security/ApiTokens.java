package org.cordon.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.Ids;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * API tokens in table {@code api_token}. A token is {@code cdn_} and 32 random bytes in base64url; only
 * its SHA-256 is stored, so a leaked table does not leak usable tokens. Tokens have 256 bits of entropy,
 * so an unsalted hash is enough (nothing to brute-force) and lets a request be checked with one indexed
 * lookup.
 */
@Repository
public class ApiTokens {

  /** What {@link #issue} returns: the stored token and its secret, which is never shown again. */
  public record Issued(ApiToken token, String secret) {
  }

  private static final String COLUMNS =
      "token_id, label, role, jurisdiction, venue_id, created_by, created_at, revoked_at";

  /**
   * How long a looked-up valid token is trusted without asking the database again. Venue devices send
   * thousands of checks a second; a query per request (and a pooled connection for it) was the
   * checkpoint's largest cost after the commit. A revocation on this server takes effect at once
   * ({@link #revoke} drops the entry); one made elsewhere within this many milliseconds.
   */
  static final long CACHE_MILLIS = 5_000;

  private record Cached(ApiToken token, long loadedAtMillis) {
  }

  private final JdbcClient jdbc;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final java.util.Map<String, Cached> valid = new java.util.concurrent.ConcurrentHashMap<>();

  public ApiTokens(JdbcClient jdbc, SecurityClock clock) {
    this.jdbc = jdbc;
    this.clock = clock.clock();
  }

  /** The SHA-256 of a token's secret, in lower-case hex. */
  public static String sha256(String secret) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Creates a token with a fresh random secret.
   *
   * @throws IllegalArgumentException if the role is not a token role, a device token has no venue, a
   *     lab token has one, or the label is empty
   */
  public Issued issue(String label, Role role, DivisionCode jurisdiction, String venueId,
      String createdBy) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return store(label, role, jurisdiction, venueId, createdBy,
        "cdn_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /**
   * Stores a token with a given secret, unless one with the same secret exists (demo setup and tests
   * use fixed secrets).
   */
  public Optional<Issued> storeIfAbsent(String label, Role role, DivisionCode jurisdiction,
      String venueId, String createdBy, String secret) {
    if (findBySecret(secret, true).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(store(label, role, jurisdiction, venueId, createdBy, secret));
  }

  private Issued store(String label, Role role, DivisionCode jurisdiction, String venueId,
      String createdBy, String secret) {
    if (role != Role.VENUE_DEVICE && role != Role.LAB) {
      throw new IllegalArgumentException("API tokens are for VENUE_DEVICE or LAB, not " + role);
    }
    if (role == Role.VENUE_DEVICE && venueId == null) {
      throw new IllegalArgumentException("a VENUE_DEVICE token must be bound to a venueId");
    }
    if (role == Role.LAB && venueId != null) {
      throw new IllegalArgumentException("a LAB token is not bound to a venue; leave venueId empty");
    }
    if (venueId != null) {
      Ids.requireToken("venueId", venueId, 64);
    }
    if (label == null || label.isBlank() || label.length() > 128) {
      throw new IllegalArgumentException("label must be 1..128 characters");
    }
    if (jurisdiction == null) {
      throw new IllegalArgumentException("jurisdiction is required");
    }
    byte[] idBytes = new byte[9];
    random.nextBytes(idBytes);
    String id = "tok_" + Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes);
    OffsetDateTime now = OffsetDateTime.now(clock);
    jdbc.sql("insert into api_token (token_id, label, role, jurisdiction, venue_id, created_by, "
            + "created_at, token_sha256) values (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(id, label.strip(), role.name(), jurisdiction.value(), venueId, createdBy, now,
            sha256(secret))
        .update();
    return new Issued(new ApiToken(id, label.strip(), role, jurisdiction, venueId, createdBy, now,
        null), secret);
  }

  /**
   * The valid token whose secret is {@code secret} if this server looked it up in the last
   * {@link #CACHE_MILLIS}, else null (then {@link #findValid} reads the store). For callers that must
   * not block, such as the venue devices' listener on its event loop.
   */
  public ApiToken validIfCached(String secret) {
    Cached c = valid.get(sha256(secret));
    return c != null && System.currentTimeMillis() - c.loadedAtMillis() < CACHE_MILLIS ? c.token() : null;
  }

  /** The valid (not revoked) token whose secret is {@code secret}. */
  public Optional<ApiToken> findValid(String secret) {
    String hash = sha256(secret);
    long now = System.currentTimeMillis();
    Cached c = valid.get(hash);
    if (c != null && now - c.loadedAtMillis() < CACHE_MILLIS) {
      return Optional.of(c.token());
    }
    Optional<ApiToken> found = findBySecret(secret, false);
    if (found.isPresent()) {
      if (valid.size() > 100_000) {
        valid.clear();
      }
      valid.put(hash, new Cached(found.get(), now));
    } else {
      valid.remove(hash);
    }
    return found;
  }

  private Optional<ApiToken> findBySecret(String secret, boolean includeRevoked) {
    return jdbc.sql("select " + COLUMNS + " from api_token where token_sha256 = ?"
            + (includeRevoked ? "" : " and revoked_at is null"))
        .param(sha256(secret))
        .query(ApiTokens::row)
        .optional();
  }

  /** The token with handle {@code id}, revoked or not. */
  public Optional<ApiToken> find(String id) {
    return jdbc.sql("select " + COLUMNS + " from api_token where token_id = ?")
        .param(id).query(ApiTokens::row).optional();
  }

  /** Tokens whose jurisdiction lies in {@code scope}, newest first. */
  public List<ApiToken> list(Jurisdiction scope) {
    return jdbc.sql("select " + COLUMNS + " from api_token where "
            + Jurisdiction.predicate("jurisdiction") + " order by created_at desc, token_id")
        .param(scope.likePattern()).query(ApiTokens::row).list();
  }

  /** Revokes token {@code id}; false if it does not exist or was already revoked. */
  public boolean revoke(String id) {
    valid.values().removeIf(c -> c.token().id().equals(id));
    return jdbc.sql("update api_token set revoked_at = ? where token_id = ? and revoked_at is null")
        .params(OffsetDateTime.now(clock), id).update() == 1;
  }

  private static ApiToken row(ResultSet rs, int n) throws SQLException {
    return new ApiToken(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)),
        new DivisionCode(rs.getString(4)), rs.getString(5), rs.getString(6),
        rs.getObject(7, OffsetDateTime.class), rs.getObject(8, OffsetDateTime.class));
  }
}
