package org.cordon.server.checkpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.cordon.core.healthcode.CodeToken;
import org.cordon.core.healthcode.CodeTokenVerifier;
import org.cordon.core.healthcode.ReplayLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Which code tokens were already shown at which venue, until they expire: a token is good for one check
 * per venue. A second showing at the same door (a photo or screenshot handed back over the fence, a
 * code flashed twice: 虚晃一码) is a replay; at the next venue the same person may show the same token,
 * since its few minutes of life bound what a copy is worth and the resident page refreshes it anyway.
 *
 * <p>Held in memory; at start-up the checks of the last hour are read back from
 * {@code checkpoint_check} (after the entry file's leftovers are loaded into it, in {@code file} mode),
 * so a restart does not reopen tokens still alive.
 */
@Component
class EntryLedger {

  private static final Logger LOG = LoggerFactory.getLogger(EntryLedger.class);

  /** Longer than any token lives (policy allows up to an hour) plus clock skew. */
  private static final long RELOAD_SECONDS = 3_700;

  /** Past a token's expiry, longer than the verifier's clock skew (CodeTokens, 30 s). */
  private static final Duration SLACK = Duration.ofSeconds(60);

  private final ReplayLedger used = new ReplayLedger(SLACK);
  private final Clock clock;
  private final JdbcTemplate jdbc;
  private final EntryJournal journal;
  private volatile boolean loaded;

  EntryLedger(JdbcTemplate jdbc, EntryJournal journal, ObjectProvider<Clock> clock) {
    this.clock = clock.getIfAvailable(Clock::systemUTC);
    this.jdbc = jdbc;
    this.journal = journal;
  }

  /** Reads back the recent checks once the application (and its schema migration) is ready. */
  @EventListener(ApplicationReadyEvent.class)
  synchronized void load() {
    if (loaded) {
      return;
    }
    // checks an earlier run synced to the local entry file but had not moved into the table yet
    try {
      if (!journal.awaitRecovered(Duration.ofMinutes(5))) {
        throw new IllegalStateException("the checkpoint entry file's recovered entries are not in the "
            + "database after 5 minutes; replays of their tokens could not be told");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the checkpoint entry file recovers", e);
    }
    Instant since = clock.instant().minusSeconds(RELOAD_SECONDS);
    long keep = clock.instant().getEpochSecond() + RELOAD_SECONDS;
    int[] unreadable = {0};
    jdbc.query("select token_id, venue_id from checkpoint_check where checked_at > ?", rs -> {
      String replayKey = rs.getString(1);
      try {
        used.rememberUntil(rs.getString(2), CodeToken.replayKeyId(replayKey), CodeToken.replayNonce(replayKey),
            keep);
      } catch (IllegalArgumentException e) {
        // not written by a check (they record CodeToken.replayKey): no live token can carry it
        unreadable[0]++;
      }
    }, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
    if (unreadable[0] > 0) {
      LOG.warn("{} recent checkpoint checks have a token id that is not a replay key; they are not remembered",
          unreadable[0]);
    }
    loaded = true;
  }

  /** The ledger of one venue, for the verifier. */
  CodeTokenVerifier.NonceLedger at(String venueId) {
    if (!loaded) {
      load();
    }
    return used.at(venueId);
  }

  /** Gives a token back to a venue: its check was not recorded, so the device may send it again. */
  void release(CodeToken token, String venueId) {
    used.release(venueId, token);
  }

  /** Number of (token, venue) pairs remembered. */
  long size() {
    return used.size();
  }

  @Scheduled(fixedDelay = 30_000)
  void forgetExpired() {
    used.forgetExpired(clock.instant());
  }
}
