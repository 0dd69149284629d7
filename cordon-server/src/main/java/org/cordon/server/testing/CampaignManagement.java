package org.cordon.server.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.DivisionTree;
import org.cordon.core.place.GeoPoint;
import org.cordon.core.place.Ids;
import org.cordon.core.testing.TestingPolicy;
import org.cordon.server.security.Caller;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and lists campaigns and sampling sites, within the caller's jurisdiction. */
@Service
class CampaignManagement {

  private final CampaignRecords records;
  private final SampleRecords persons;
  private final DivisionTree divisions;
  private final TestingPolicy policy;
  private final org.springframework.context.ApplicationEventPublisher events;
  private final Clock clock;

  CampaignManagement(CampaignRecords records, SampleRecords persons, DivisionTree divisions,
      TestingPolicy policy, org.springframework.context.ApplicationEventPublisher events,
      ObjectProvider<Clock> clock) {
    this.records = records;
    this.persons = persons;
    this.divisions = divisions;
    this.policy = policy;
    this.events = events;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  /**
   * {@code poolSize}, or the policy's default when null.
   *
   * @throws TestingProblem 400 for a size the policy does not use (default 1, 5, 10, 20)
   */
  int poolSize(Integer poolSize, int fallback) {
    int k = poolSize == null ? fallback : poolSize;
    if (!policy.poolSizes().contains(k)) {
      throw TestingProblem.badRequest("poolSize must be one of " + policy.poolSizes() + ", got " + k);
    }
    return k;
  }

  @Transactional
  CampaignView create(Caller caller, CampaignRequest r) {
    if (r == null) {
      throw TestingProblem.badRequest("a campaign needs a body");
    }
    String id = r.campaignId() == null || r.campaignId().isBlank()
        ? "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
        : Ids.requireToken("campaignId", r.campaignId().strip(), 64);
    if (r.name() == null || r.name().isBlank()) {
      throw TestingProblem.badRequest("name is required");
    }
    String kind = r.kind() == null ? "mass" : r.kind().strip().toLowerCase(Locale.ROOT);
    if (!Set.of("mass", "key_group", "zone").contains(kind)) {
      throw TestingProblem.badRequest("kind '" + r.kind() + "' is not one of mass, key_group, zone");
    }
    int pool = poolSize(r.poolSize(), policy.defaultPoolSize());
    Instant starts = IsoTime.parse("startsAt", r.startsAt());
    Instant ends = IsoTime.parse("endsAt", r.endsAt());
    if (!ends.isAfter(starts)) {
      throw TestingProblem.badRequest("endsAt " + r.endsAt() + " is not after startsAt " + r.startsAt());
    }
    List<String> targets = new ArrayList<>();
    for (String d : r.divisions() == null ? List.<String>of() : r.divisions()) {
      DivisionCode code = known(d, "divisions");
      caller.scope().require(code);
      if (!targets.contains(code.value())) {
        targets.add(code.value());
      }
    }
    List<String> groups = groups(r.groups());
    List<Long> explicit = persons(caller, r.persons());
    if (targets.isEmpty() && groups.isEmpty() && explicit.isEmpty()) {
      throw TestingProblem.badRequest("a campaign needs divisions, groups or persons to test");
    }
    if (records.campaignExists(id)) {
      throw TestingProblem.conflict("campaign " + id + " exists already");
    }
    CampaignView c = new CampaignView(id, r.name().strip(), kind, pool, CampaignRecords.utc(starts),
        CampaignRecords.utc(ends), List.copyOf(targets), groups, explicit, caller.jurisdiction().value(),
        caller.name());
    records.insertCampaign(c, clock.instant());
    events.publishEvent(new CampaignCreated(c));
    return c;
  }

  /**
   * Key groups named by a campaign, each with a schedule in the testing policy.
   *
   * @throws TestingProblem 400 naming an unknown group and the known ones
   */
  private List<String> groups(List<String> names) {
    TreeSet<String> out = new TreeSet<>();
    for (String g : names == null ? List.<String>of() : names) {
      String name = g == null ? "" : g.strip();
      if (policy.schedule(name).isEmpty()) {
        throw TestingProblem.badRequest("groups: unknown key group '" + g + "' (the testing policy "
            + "schedules " + policy.schedules().stream().map(s -> s.group()).toList() + ")");
      }
      out.add(name);
    }
    return List.copyOf(out);
  }

  /**
   * Explicit target persons, sorted and unique, each stored and living in the caller's jurisdiction.
   *
   * @throws TestingProblem 400 naming the first unknown person, 403 for one living outside
   */
  private List<Long> persons(Caller caller, List<Long> ids) {
    if (ids == null || ids.isEmpty()) {
      return List.of();
    }
    TreeSet<Long> unique = new TreeSet<>();
    for (Long id : ids) {
      if (id == null || id <= 0) {
        throw TestingProblem.badRequest("persons: person ids must be positive, got " + id);
      }
      unique.add(id);
    }
    Map<Long, String> homes = persons.homes(unique);
    for (Long id : unique) {
      String home = homes.get(id);
      if (home == null) {
        throw TestingProblem.badRequest("persons: unknown person " + id);
      }
      caller.scope().require(new DivisionCode(home));
    }
    return List.copyOf(unique);
  }

  /** Campaigns that target some part of the caller's jurisdiction. */
  List<CampaignView> list(Caller caller) {
    return records.campaigns().stream().filter(c -> visible(caller, c)).toList();
  }

  /**
   * The campaign {@code id} if the caller may see it.
   *
   * @throws TestingProblem 404 for an unknown campaign or one wholly outside the jurisdiction
   */
  CampaignView require(Caller caller, String id) {
    return records.campaign(id).filter(c -> visible(caller, c))
        .orElseThrow(() -> TestingProblem.notFound("no campaign " + id + " in your jurisdiction "
            + caller.jurisdiction()));
  }

  private static boolean visible(Caller caller, CampaignView c) {
    DivisionCode mine = caller.jurisdiction();
    List<String> where = c.divisions().isEmpty() && c.scopeDivision() != null
        ? List.of(c.scopeDivision()) : c.divisions();
    return where.stream().map(DivisionCode::new)
        .anyMatch(d -> mine.contains(d) || d.contains(mine));
  }

  @Transactional
  SiteView saveSite(Caller caller, SiteRequest r) {
    if (r == null || r.siteId() == null) {
      throw TestingProblem.badRequest("siteId is required");
    }
    String id = Ids.requireToken("siteId", r.siteId().strip(), 64);
    if (r.name() == null || r.name().isBlank()) {
      throw TestingProblem.badRequest("name is required");
    }
    DivisionCode division = caller.scope().require(known(r.division(), "division"));
    if (r.lat() == null || r.lon() == null) {
      throw TestingProblem.badRequest("lat and lon are required (WGS-84 degrees)");
    }
    GeoPoint where = new GeoPoint(r.lat(), r.lon());
    java.util.Optional<SiteView> old = records.site(id);
    old.ifPresent(o -> caller.scope().require(new DivisionCode(o.division())));
    SiteView s = new SiteView(id, r.name().strip(), division.value(), where.lat(), where.lon(),
        time("opens", r.opens()), time("closes", r.closes()), r.active() == null || r.active());
    records.upsertSite(s, caller.name());
    if (old.isEmpty()) {
      events.publishEvent(new SiteAdded(id));
    }
    return s;
  }

  List<SiteView> sites(Caller caller) {
    return records.sites(caller.scope().likePattern());
  }

  private DivisionCode known(String text, String field) {
    if (text == null || text.isBlank()) {
      throw TestingProblem.badRequest(field + " has an empty division code");
    }
    DivisionCode code = DivisionCode.of(text.strip());
    if (divisions.find(code).isEmpty()) {
      throw TestingProblem.badRequest(field + ": unknown division " + code);
    }
    return code;
  }

  private static LocalTime time(String field, String text) {
    if (text == null || text.isBlank() || text.strip().equals("24:00")) {
      return LocalTime.MIDNIGHT;
    }
    try {
      return LocalTime.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw TestingProblem.badRequest(field + " '" + text + "' is not a local time HH:mm");
    }
  }
}
