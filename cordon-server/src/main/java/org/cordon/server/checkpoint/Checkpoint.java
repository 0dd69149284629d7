package org.cordon.server.checkpoint;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.healthcode.CodeColour;
import org.cordon.core.healthcode.CodeToken;
import org.cordon.core.healthcode.HealthCodePolicy;
import org.cordon.server.healthcode.CodeTokens;
import org.cordon.server.healthcode.HealthCodeManagement;
import org.cordon.server.intake.KnownIds;
import org.cordon.server.security.Caller;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * One check at a venue door: verify the shown token, look up the current colour, take temperature and
 * mask into account, apply "no negative test, no work" to workers of key workplaces, record the answer
 * durably (an allowed entry also as a venue scan) and answer.
 *
 * <p>The hot path touches no database: the token is checked in memory ({@link CodeTokens}), the
 * colour comes from the engine, venues and persons from {@link KnownIds}; the only wait is for the
 * group commit of {@link EntryJournal}, and the check does not wait for it: the answer is a future
 * completed by the journal's writer, so no thread is parked per check in flight. Bad input is a
 * {@link CheckRefused} and nothing is recorded.
 */
@Service
public class Checkpoint {

  private static final BigDecimal LOWEST = new BigDecimal("30.0");
  private static final BigDecimal HIGHEST = new BigDecimal("45.0");

  private final CodeTokens tokens;
  private final HealthCodeManagement codes;
  private final KnownIds known;
  private final EntryLedger ledger;
  private final EntryJournal journal;
  private final CheckpointProperties properties;
  private final JdbcClient jdbc;
  private final Clock clock;
  /** venue id → kind code; venues are thousands. */
  private final Map<String, String> kinds = new ConcurrentHashMap<>();

  Checkpoint(CodeTokens tokens, HealthCodeManagement codes, KnownIds known, EntryLedger ledger,
      EntryJournal journal, CheckpointProperties properties, JdbcClient jdbc, ObjectProvider<Clock> clock) {
    this.tokens = tokens;
    this.codes = codes;
    this.known = known;
    this.ledger = ledger;
    this.journal = journal;
    this.properties = properties;
    this.jdbc = jdbc;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  /**
   * Checks {@code request} sent by the venue device {@code caller}.
   *
   * @return the answer, completed once the entry is durable; completed exceptionally with
   *     {@link CheckpointUnavailable} when it could not be made durable in time (not acknowledged)
   * @throws CheckRefused for bad input, at once and with nothing recorded
   */
  CompletableFuture<CheckAnswer> check(Caller caller, CheckRequest request) {
    if (caller.venueId() == null) {
      throw new CheckRefused(HttpStatus.FORBIDDEN, "wrong_venue", "this token is not bound to a venue", null);
    }
    String venue = caller.venueId();
    if (request != null && request.venueId() != null && !request.venueId().isBlank()
        && !caller.mayScanAt(request.venueId().strip())) {
      throw new CheckRefused(HttpStatus.FORBIDDEN, "wrong_venue", "this device is bound to venue "
          + venue + " and may not check entries at venue " + request.venueId().strip(), null);
    }
    String kind = kindOf(venue);
    if (kind == null) {
      throw new CheckRefused(HttpStatus.NOT_FOUND, "unknown_venue", "venue " + venue
          + " of this device is not stored; register the venue first", null);
    }
    if (request == null || request.token() == null || request.token().isBlank()) {
      throw new CheckRefused(HttpStatus.BAD_REQUEST, "malformed", "token is required (the scanned QR "
          + "content)", null);
    }
    if (request.temperature() == null) {
      throw new CheckRefused(HttpStatus.BAD_REQUEST, "bad_request", "temperature is required (°C)", null);
    }
    if (request.temperature().compareTo(LOWEST) < 0 || request.temperature().compareTo(HIGHEST) > 0) {
      throw new CheckRefused(HttpStatus.BAD_REQUEST, "bad_request", "temperature " + request.temperature()
          + " °C is not a body temperature (30.0..45.0)", null);
    }
    if (request.masked() == null) {
      throw new CheckRefused(HttpStatus.BAD_REQUEST, "bad_request", "masked is required (true or false)",
          null);
    }
    // microseconds, as the database keeps them: the check's row and its venue scan carry the same time
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    CodeTokens.Checked token = tokens.check(request.token(), now, ledger.at(venue));
    Long person = token.personId() > 0 ? token.personId() : null;
    if (!token.valid()) {
      throw refusal(token, person);
    }
    if (!known.person(token.personId())) {
      ledger.release(token.token(), venue);
      throw new CheckRefused(HttpStatus.UNPROCESSABLE_CONTENT, "unknown_person", "the token's person is "
          + "not stored", person);
    }
    boolean staff = Boolean.TRUE.equals(request.staff());
    CodeColour colour = codes.colour(token.personId());
    CheckAnswer answer = decide(token, colour, request, staff, kind, now);
    CheckpointEntry entry = new CheckpointEntry(now, venue, token.personId(), caller.name(),
        token.token().replayKey(), colour.code(), request.temperature().setScale(1,
            java.math.RoundingMode.HALF_UP), request.masked(), staff, answer.allowed(), answer.reason());
    CodeToken shown = token.token();
    return journal.record(entry).orTimeout(properties.commitTimeoutMillis(), TimeUnit.MILLISECONDS)
        .handle((stored, failure) -> {
          if (failure == null) {
            return answer;
          }
          ledger.release(shown, venue);
          Throwable cause = failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause() : failure;
          throw new CheckpointUnavailable(cause instanceof TimeoutException
              ? "the entry was not durable within " + properties.commitTimeoutMillis() + " ms; check again"
              : "the entry could not be recorded (" + cause.getMessage() + "); check again");
        });
  }

  private CheckAnswer decide(CodeTokens.Checked token, CodeColour colour, CheckRequest request,
      boolean staff, String kind, Instant now) {
    String at = IsoTime.format(now);
    String tokenColour = token.token().colour().code();
    if (colour == CodeColour.RED) {
      return new CheckAnswer(false, "red_code", "红码，禁止进入，请联系社区", "red code: no entry; "
          + "contact your community", colour.code(), tokenColour, at);
    }
    if (colour == CodeColour.YELLOW) {
      return new CheckAnswer(false, "yellow_code", "黄码，禁止进入，请尽快核酸检测", "yellow code: no "
          + "entry; get a PCR test", colour.code(), tokenColour, at);
    }
    if (request.temperature().compareTo(properties.feverCelsius()) >= 0) {
      return new CheckAnswer(false, "fever", "体温异常（" + request.temperature() + "℃），请到发热门诊就诊",
          "temperature " + request.temperature() + " °C: go to a fever clinic", colour.code(), tokenColour, at);
    }
    if (!request.masked()) {
      return new CheckAnswer(false, "no_mask", "请佩戴口罩", "wear a mask", colour.code(), tokenColour, at);
    }
    String group = staff ? properties.keyWorkplaces().get(kind) : null;
    if (group != null) {
      HealthCodePolicy.KeyGroupSchedule schedule = codes.policy().keyGroups();
      int hours = schedule.intervalOf(group);
      Optional<Instant> last = codes.lastNegativeTest(token.personId(), schedule.acceptsAntigen());
      if (last.isEmpty() || last.get().plus(Duration.ofHours(hours)).isBefore(now)) {
        return new CheckAnswer(false, "no_negative_test", "无" + hours + "小时内核酸阴性证明，不得上岗",
            "no negative test within " + hours + " h: no work (" + group + ")", colour.code(), tokenColour,
            at);
      }
    }
    return new CheckAnswer(true, "green", "绿码，请通行", "green code: enter", colour.code(), tokenColour, at);
  }

  private static CheckRefused refusal(CodeTokens.Checked token, Long person) {
    String detail = token.detail();
    return switch (token.failure()) {
      case MALFORMED -> new CheckRefused(HttpStatus.BAD_REQUEST, "malformed", "not a health-code token: "
          + detail, null);
      case TRUNCATED -> new CheckRefused(HttpStatus.BAD_REQUEST, "truncated", "the token is cut short ("
          + detail + "); scan again", null);
      case BAD_SIGNATURE -> new CheckRefused(HttpStatus.UNPROCESSABLE_CONTENT, "forged", "the token's "
          + "signature does not match: forged or altered", null);
      case WRONG_KEY -> new CheckRefused(HttpStatus.UNPROCESSABLE_CONTENT, "wrong_key", "the token was not "
          + "signed with this deployment's key (" + detail + ")", null);
      case EXPIRED -> new CheckRefused(HttpStatus.UNPROCESSABLE_CONTENT, "expired", "the token has expired ("
          + detail + "); show the live code, not a screenshot", person);
      case NOT_YET_VALID -> new CheckRefused(HttpStatus.UNPROCESSABLE_CONTENT, "not_yet_valid", "the token "
          + "is issued in the future (" + detail + "); check the phone's clock", person);
      case REPLAYED -> new CheckRefused(HttpStatus.CONFLICT, "replayed", "this token was already used at "
          + "this venue; refresh the code", person);
    };
  }

  /** Whether the kind of {@code venue} is held in memory, so a check there reads no database. */
  boolean venueKindLoaded(String venue) {
    return venue != null && kinds.containsKey(venue);
  }

  private String kindOf(String venue) {
    String kind = kinds.get(venue);
    if (kind == null && known.venue(venue)) {
      kind = jdbc.sql("select kind from venue where venue_id = ?").param(venue).query(String.class)
          .optional().orElse(null);
      if (kind != null) {
        kinds.put(venue, kind);
      }
    }
    return kind;
  }
}
