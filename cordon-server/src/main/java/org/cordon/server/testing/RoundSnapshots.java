package org.cordon.server.testing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.cordon.core.exchange.RecordKind;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.DivisionTree;
import org.cordon.core.place.GeoPoint;
import org.cordon.core.place.GridCell;
import org.cordon.core.testing.Campaign;
import org.cordon.core.testing.CampaignKind;
import org.cordon.core.testing.SamplingRound;
import org.cordon.core.testing.SamplingSite;
import org.cordon.core.testing.TargetPopulation;
import org.cordon.core.testing.TestingInputException;
import org.cordon.core.testing.TestingPopulation;
import org.cordon.core.testing.TubeResult;
import org.cordon.core.testing.TubeResultReport;
import org.cordon.server.intake.PresenceDataChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The core's in-memory {@link SamplingRound} of each campaign, built from the tables on first use after
 * start and rebuilt after a commit that changed the campaign other than by registering samples or
 * storing lab results ({@link TestingDataChanged}: closes, key groups, exact-path registrations); the
 * coverage board is read from it (one pass over the targeted persons, every division level at once).
 * Sample registrations check their rows against the round and apply what they stored to it in place
 * after their commit ({@link SampleRegistration}); lab results are applied in place after theirs
 * ({@link #applyResults}, {@link ResultIntake}).
 *
 * <p>Each campaign has a lock ({@link #lock}): a registration holds it from its check to its in-memory
 * apply, a results upload from before its transaction to its in-memory apply, and a build holds it too,
 * so a build never reads the tables between a commit and its apply (which would leave the round
 * without that change, or with it twice).
 *
 * <p>The tables are the truth and were checked when written, so the rebuild replays them in an order
 * the round accepts whatever the clocks of the collectors and labs said: tubes opened at their first
 * sample, screening samples by time, closes, the results of screening tubes (every version, in the
 * order they arrived), then the recalled persons' retests and their results. Sites are taken as always
 * open (the server does not refuse samples by opening hours). A sample of a person the campaign does
 * not target (a visitor) is not part of the round's coverage; the count of such skipped rows is logged.
 *
 * <p>The round knows every sampling site present when it is built (a site created later makes the
 * registration that first uses it drop the round, to be rebuilt). Other changes still rebuild in full,
 * which at city scale reads the campaign's rows.
 */
@Component
class RoundSnapshots {

  private static final Logger LOG = LoggerFactory.getLogger(RoundSnapshots.class);

  private record Built(long generation, SamplingRound round) {
  }

  private final JdbcTemplate jdbc;
  private final DivisionTree tree;
  private final CampaignRecords campaigns;
  private final java.time.Clock clock;
  /** Campaigns whose round is being built right now. */
  private final Set<String> building = ConcurrentHashMap.newKeySet();
  private final Map<String, Built> rounds = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  RoundSnapshots(JdbcTemplate jdbc, DivisionTree tree, CampaignRecords campaigns,
      org.springframework.beans.factory.ObjectProvider<java.time.Clock> clock) {
    this.jdbc = jdbc;
    this.tree = tree;
    this.campaigns = campaigns;
    this.clock = clock.getIfAvailable(java.time.Clock::systemUTC);
  }

  @EventListener
  void changed(TestingDataChanged e) {
    invalidate(e.campaignId());
  }

  /** Builds rounds in the background, one at a time, so a request does not wait for a whole city. */
  private final java.util.concurrent.ExecutorService warming = java.util.concurrent.Executors
      .newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "testing-round-warm-up");
        t.setDaemon(true);
        return t;
      });

  /** A new campaign's round, built once its row is committed. */
  @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
  void created(CampaignCreated e) {
    warm(e.campaign());
  }

  /**
   * A new site: every round, built or being built, is dropped (a build in progress is not kept) and the
   * running campaigns' rounds are built again in the background with it.
   */
  @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
  void siteAdded(SiteAdded e) {
    Set<String> inUse = new TreeSet<>(rounds.keySet());
    inUse.addAll(building);
    new ArrayList<>(generations.keySet()).forEach(this::invalidate);
    for (String id : inUse) {
      campaigns.campaign(id).ifPresent(this::warm);
    }
  }

  /** At start, the rounds of the campaigns still running (after a restart, sampling goes on). */
  @EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
  void started() {
    java.time.Instant now = clock.instant();
    for (CampaignView c : campaigns.campaigns()) {
      if (c.endsAt().toInstant().isAfter(now)) {
        warm(c);
      }
    }
  }

  /**
   * Builds the round of {@code c} in the background if it is not built; a registration or coverage
   * call meanwhile waits for that build (the campaign's lock) instead of starting its own.
   */
  void warm(CampaignView c) {
    try {
      warming.execute(() -> {
        try {
          round(c);
        } catch (RuntimeException ex) {
          LOG.warn("testing round {} not built ahead: {} (it is built on first use)", c.campaignId(),
              ex.toString());
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException ex) {
      LOG.debug("testing round {} not built ahead: shutting down", c.campaignId());
    }
  }

  @jakarta.annotation.PreDestroy
  void stopWarming() {
    warming.shutdownNow();
  }

  /**
   * Persons stored or changed (new residents, moves): every round's population may differ, so all are
   * dropped. Registrations no longer rebuild a round, so without this a person stored during a round
   * would stay outside it (sampled, but not counted) until a result came in.
   */
  @EventListener
  void personsChanged(PresenceDataChanged e) {
    if (e.kind() == RecordKind.PERSONS) {
      generations.keySet().forEach(this::invalidate);
    }
  }

  /** Drops the round of a campaign: the next use rebuilds it from the tables. */
  void invalidate(String campaignId) {
    generation(campaignId).incrementAndGet();
    rounds.remove(campaignId);
  }

  /**
   * The lock of a campaign's round (reentrant): held by a sample registration from its check to its
   * in-memory apply, and by every build.
   */
  ReentrantLock lock(String campaignId) {
    return locks.computeIfAbsent(campaignId, k -> new ReentrantLock());
  }

  /**
   * The locks of the rounds of {@code campaignIds}, taken in id order (so two holders of overlapping
   * sets cannot wait for each other) and released by {@link Locks#close}.
   */
  Locks lockAll(java.util.SortedSet<String> campaignIds) {
    Locks held = new Locks();
    for (String id : campaignIds) {
      ReentrantLock lock = lock(id);
      lock.lock();
      held.locks.add(lock);
    }
    return held;
  }

  /** Round locks held together; closing releases them in reverse order. */
  static final class Locks implements AutoCloseable {
    private final List<ReentrantLock> locks = new ArrayList<>();

    @Override
    public void close() {
      for (int i = locks.size() - 1; i >= 0; i--) {
        locks.get(i).unlock();
      }
    }
  }

  private AtomicLong generation(String campaignId) {
    return generations.computeIfAbsent(campaignId, k -> new AtomicLong());
  }

  /**
   * The campaigns whose built rounds have a tube of {@code barcodes}, in id order. A tube's campaign never
   * changes, so even a stale round answers right; a tube no round has is left out.
   */
  java.util.SortedSet<String> campaignsOf(java.util.Collection<String> barcodes) {
    java.util.SortedSet<String> found = new TreeSet<>();
    List<Map.Entry<String, Built>> built = new ArrayList<>(rounds.entrySet());
    Map.Entry<String, Built> last = null;
    for (String barcode : barcodes) {
      // an upload's tubes are mostly of one campaign: the last round that had one is asked first
      if (last != null && last.getValue().round().hasTube(barcode)) {
        continue;
      }
      for (Map.Entry<String, Built> e : built) {
        if (e != last && e.getValue().round().hasTube(barcode)) {
          found.add(e.getKey());
          last = e;
          break;
        }
      }
    }
    return found;
  }

  /**
   * Applies committed lab results (in the order they were stored) to the campaign's round in place, if it
   * has a current one, as the rebuild would replay them: each tube closed at its first result if still
   * open, then the result. The caller holds the campaign's {@link #lock} from before its transaction
   * to after this call, so no build reads the tables in between and uploads of one campaign apply in
   * the order they committed. A result the round refuses drops it (the tables rebuild it).
   */
  void applyResults(String campaignId, List<TubeResultReport> results) {
    SamplingRound round = current(campaignId);
    if (round == null) {
      return;   // the next use builds it from the tables, which hold these results
    }
    try {
      for (TubeResultReport r : results) {
        round.closeTube(r.tubeBarcode(), r.at());
        round.applyResult(r.tubeBarcode(), r.result(), r.at(), r.source());
      }
    } catch (RuntimeException e) {
      LOG.warn("lab results not applied to round {} in place ({}): it is rebuilt on next use", campaignId,
          e.toString());
      invalidate(campaignId);
    }
  }

  /** The campaign's round if built and current, else null (nothing is built): for a holder of its lock. */
  SamplingRound current(String campaignId) {
    Built b = rounds.get(campaignId);
    return b == null || b.generation() != generation(campaignId).get() ? null : b.round();
  }

  /** The round of {@code c} as of the last commit. */
  SamplingRound round(CampaignView c) {
    long now = generation(c.campaignId()).get();
    Built b = rounds.get(c.campaignId());
    if (b != null && b.generation() == now) {
      return b.round();
    }
    ReentrantLock lock = lock(c.campaignId());
    lock.lock();
    try {
      // another thread may have built it while this one waited for the lock
      long current = generation(c.campaignId()).get();
      Built fresh = rounds.get(c.campaignId());
      if (fresh != null && fresh.generation() == current) {
        return fresh.round();
      }
      SamplingRound round;
      building.add(c.campaignId());
      try {
        round = build(c);
      } finally {
        building.remove(c.campaignId());
      }
      // a commit (not a registration: they wait for the lock) during the build leaves it stale:
      // serve it this once, keep it only if still current
      if (generation(c.campaignId()).get() == current) {
        rounds.put(c.campaignId(), new Built(current, round));
      }
      return round;
    } finally {
      lock.unlock();
    }
  }

  private SamplingRound build(CampaignView c) {
    long t0 = System.nanoTime();
    TestingPopulation.Builder people = new TestingPopulation.Builder(tree);
    List<Object> params = new ArrayList<>();
    String targeted = TestingBoards.targeted(c, params);
    int[] unplaced = new int[1];
    jdbc.query("select p.person_id, p.home_division, p.lat, p.lon from person p where " + targeted,
        rs -> {
          DivisionCode home = new DivisionCode(rs.getString(2));
          if (tree.find(home).isEmpty()) {
            unplaced[0]++;
            return;
          }
          double lat = rs.getDouble(3);
          boolean noLat = rs.wasNull();
          double lon = rs.getDouble(4);
          GridCell cell = noLat || rs.wasNull() ? null : GridCell.of(new GeoPoint(lat, lon));
          people.add(rs.getLong(1), home, cell);
        }, params.toArray());
    // key-group members and explicit persons count only if placed, like everybody (the core refuses
    // group members and target persons it was not given)
    Set<String> groups = new TreeSet<>();
    jdbc.query("select m.person_id, m.group_name, p.home_division from key_group_member m join "
        + "testing_campaign_group g on g.group_name = m.group_name join person p on p.person_id = "
        + "m.person_id where g.campaign_id = ?", rs -> {
          if (tree.find(new DivisionCode(rs.getString(3))).isPresent()) {
            people.group(rs.getLong(1), rs.getString(2));
            groups.add(rs.getString(2));
          }
        }, c.campaignId());
    List<Long> persons = new ArrayList<>();
    jdbc.query("select t.person_id, p.home_division from testing_campaign_person t join person p on "
        + "p.person_id = t.person_id where t.campaign_id = ?", rs -> {
          if (tree.find(new DivisionCode(rs.getString(2))).isPresent()) {
            persons.add(rs.getLong(1));
          }
        }, c.campaignId());
    SamplingRound round = new SamplingRound(campaign(c, groups, persons), people.build());
    int skipped = replay(c.campaignId(), round);
    LOG.info("testing round {} rebuilt from the tables in {} ms: {} targeted, {} samples{}{}",
        c.campaignId(), (System.nanoTime() - t0) / 1_000_000, round.targetedCount(), round.sampleCount(),
        skipped > 0 ? ", " + skipped + " rows the round refused (e.g. samples of visitors)" : "",
        unplaced[0] > 0 ? ", " + unplaced[0] + " persons with a home outside the division tree" : "");
    return round;
  }

  private Campaign campaign(CampaignView c, Set<String> groups, List<Long> persons) {
    List<SamplingSite> sites = new ArrayList<>();
    // every site, not only those with tubes of the campaign: a registration at a site the round does
    // not know cannot be applied in place
    jdbc.query("select site_id, name, division, lat, lon from sampling_site order by site_id", rs -> {
      sites.add(new SamplingSite(rs.getString(1), rs.getString(2), DivisionCode.of(rs.getString(3)),
          new GeoPoint(rs.getDouble(4), rs.getDouble(5)), List.of()));
    });
    if (sites.isEmpty()) {
      // a campaign with no tube yet: the round needs a site, and none will be used
      sites.add(new SamplingSite("none", "none", DivisionCode.of(home(c)), null, List.of()));
    }
    CampaignKind kind = switch (c.kind()) {
      case "key_group" -> CampaignKind.KEY_GROUP_ROUTINE;
      case "zone" -> CampaignKind.ZONE_SCREENING;
      default -> CampaignKind.CITY_ROUND;
    };
    Set<DivisionCode> divisions = new HashSet<>();
    c.divisions().forEach(d -> divisions.add(DivisionCode.of(d)));
    if (divisions.isEmpty() && groups.isEmpty() && persons.isEmpty()) {
      // its groups have no member (yet): a target of the creator's jurisdiction over an empty population
      divisions.add(DivisionCode.of(home(c)));
    }
    TargetPopulation target = new TargetPopulation(divisions, groups,
        persons.stream().mapToLong(Long::longValue).toArray());
    return new Campaign(c.campaignId(), c.name(), kind, target, c.startsAt().toInstant(),
        c.endsAt().toInstant(), c.poolSize(), sites);
  }

  /** A division of the campaign: its first target division, else its creator's jurisdiction. */
  private static String home(CampaignView c) {
    return c.divisions().isEmpty() ? c.scopeDivision() : c.divisions().get(0);
  }

  /** Replays the stored round; returns the rows the round did not take. */
  private int replay(String campaignId, SamplingRound round) {
    int[] skipped = new int[1];
    Set<String> retestTubes = new HashSet<>(jdbc.queryForList("select distinct tube_barcode from sample "
        + "where campaign_id = ? and purpose = 'retest'", String.class, campaignId));
    jdbc.query("select barcode, site_id, pool_size, first_sample_at from tube where campaign_id = ? "
        + "and samples > 0 order by first_sample_at, barcode", rs -> {
          String tube = rs.getString(1);
          String site = rs.getString(2);
          int pool = rs.getInt(3);
          Instant at = instant(rs.getObject(4, OffsetDateTime.class));
          attempt(skipped, () -> round.openTube(tube, site, pool, at));
        }, campaignId);
    samples(campaignId, "screen", round, skipped);
    jdbc.query("select barcode, closed_at from tube where campaign_id = ? and closed_at is not null "
        + "and samples > 0", rs -> {
          String tube = rs.getString(1);
          Instant at = instant(rs.getObject(2, OffsetDateTime.class));
          if (!retestTubes.contains(tube)) {
            attempt(skipped, () -> round.closeTube(tube, at));
          }
        }, campaignId);
    results(campaignId, round, skipped, tube -> !retestTubes.contains(tube));
    samples(campaignId, "retest", round, skipped);
    results(campaignId, round, skipped, retestTubes::contains);
    return skipped[0];
  }

  private void samples(String campaignId, String purpose, SamplingRound round, int[] skipped) {
    jdbc.query("select person_id, tube_barcode, site_id, sampled_at from sample where campaign_id = ? "
        + "and purpose = ? order by sampled_at, tube_barcode, person_id", rs -> {
          long person = rs.getLong(1);
          String tube = rs.getString(2);
          String site = rs.getString(3);
          Instant at = instant(rs.getObject(4, OffsetDateTime.class));
          attempt(skipped, () -> round.register(person, tube, site, at));
        }, campaignId, purpose);
  }

  private void results(String campaignId, SamplingRound round, int[] skipped,
      java.util.function.Predicate<String> which) {
    jdbc.query("select r.tube_barcode, r.result, r.result_time, r.source from tube_result r join tube t "
        + "on t.barcode = r.tube_barcode where t.campaign_id = ? order by r.result_id", rs -> {
          String tube = rs.getString(1);
          if (which.test(tube)) {
            TubeResult result = TubeResult.valueOf(rs.getString(2).toUpperCase(Locale.ROOT));
            Instant at = instant(rs.getObject(3, OffsetDateTime.class));
            String source = rs.getString(4);
            attempt(skipped, () -> round.applyResult(tube, result, at, source));
          }
        }, campaignId);
  }

  private static void attempt(int[] skipped, Runnable step) {
    try {
      step.run();
    } catch (TestingInputException e) {
      skipped[0]++;
      LOG.debug("replay skipped: {}", e.getMessage());
    }
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
