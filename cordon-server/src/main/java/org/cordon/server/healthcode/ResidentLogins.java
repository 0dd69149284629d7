package org.cordon.server.healthcode;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cordon.core.person.IdentityNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One-time sign-in codes for residents: a resident gives an identity number, a six-digit code is "sent"
 * to the phone on record, and the number with the code signs them in as that person
 * ({@link org.cordon.server.security.Role#RESIDENT}).
 *
 * <p>There is no SMS gateway yet: the code is written to the server log, and with
 * {@code cordon.resident.show-codes=true} (the demo and tests, never production) also returned in the
 * answer. A code lives five minutes, is good for one sign-in and is void after five wrong tries; a
 * new request replaces it. Held in memory: a restart only means asking for a new code.
 */
@Component
class ResidentLogins {

  private static final Logger LOG = LoggerFactory.getLogger(ResidentLogins.class);
  static final Duration LIFETIME = Duration.ofMinutes(5);
  static final int MAX_TRIES = 5;

  /** What a resident is: the person and where they live. */
  record Resident(long personId, String homeDivision, String name) {
  }

  private record Pending(long personId, String code, Instant expires, int triesLeft) {
  }

  private final JdbcClient jdbc;
  private final Clock clock;
  private final boolean showCodes;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  ResidentLogins(JdbcClient jdbc, ObjectProvider<Clock> clock,
      @Value("${cordon.resident.show-codes:${cordon.demo.enabled:false}}") boolean showCodes) {
    this.jdbc = jdbc;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
    this.showCodes = showCodes;
  }

  /**
   * Issues a code for the person with {@code idNumber}. Returns the code only when codes are shown
   * (demo); empty otherwise, and also when no such person exists, so the answer does not tell whether
   * an identity number is registered.
   *
   * @throws IllegalArgumentException when {@code idNumber} is not a valid identity number
   */
  Optional<String> requestCode(String idNumber) {
    String id = IdentityNumber.of(idNumber).value();
    Optional<Resident> resident = find(id);
    if (resident.isEmpty()) {
      LOG.info("resident sign-in code asked for an unregistered identity number {}", mask(id));
      return Optional.empty();
    }
    String code = String.format("%06d", random.nextInt(1_000_000));
    pending.put(id, new Pending(resident.get().personId(), code, clock.instant().plus(LIFETIME),
        MAX_TRIES));
    LOG.info("resident sign-in code for {} (person {}): {}", mask(id), resident.get().personId(), code);
    return showCodes ? Optional.of(code) : Optional.empty();
  }

  /** The resident signed in by {@code idNumber} and {@code code}, or empty; uses up the code if right. */
  Optional<Resident> signIn(String idNumber, String code) {
    String id;
    try {
      id = IdentityNumber.of(idNumber).value();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    Pending p = pending.get(id);
    if (p == null || clock.instant().isAfter(p.expires())) {
      pending.remove(id);
      return Optional.empty();
    }
    if (code == null || !java.security.MessageDigest.isEqual(code.strip().getBytes(),
        p.code().getBytes())) {
      if (p.triesLeft() <= 1) {
        pending.remove(id);
      } else {
        pending.replace(id, p, new Pending(p.personId(), p.code(), p.expires(), p.triesLeft() - 1));
      }
      return Optional.empty();
    }
    pending.remove(id);
    return find(id);
  }

  private Optional<Resident> find(String idNumber) {
    return jdbc.sql("select person_id, home_division, name from person where id_number = ?")
        .param(idNumber)
        .query((rs, n) -> new Resident(rs.getLong(1), rs.getString(2), rs.getString(3)))
        .optional();
  }

  private static String mask(String id) {
    return new IdentityNumber(id).masked();
  }
}
