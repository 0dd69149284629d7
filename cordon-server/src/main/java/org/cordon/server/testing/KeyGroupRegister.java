package org.cordon.server.testing;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cordon.core.exchange.CsvReader;
import org.cordon.core.exchange.CsvRecord;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.Ids;
import org.cordon.core.testing.TestingPolicy;
import org.cordon.server.security.Caller;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The key-group register (重点人群登记): members of the groups the testing policy schedules, with their
 * workplace. Every registration or removal is all or none and publishes {@link KeyGroupMembershipChanged}
 * in its transaction, so the health codes record the membership after the commit.
 */
@Service
class KeyGroupRegister {

  static final List<String> CSV_COLUMNS = List.of("person_id", "group", "workplace_id", "workplace_name");

  /** What a registration did: members listed, new memberships, existing ones (workplace updated). */
  record Registered(int members, int added, int updated) {
  }

  /** A member to check, from a JSON item ({@code line} its 1-based position) or a CSV line. */
  private record Row(long line, Long personId, String group, String workplaceId, String workplaceName,
      String since) {
  }

  private final KeyGroupRecords records;
  private final SampleRecords persons;
  private final TestingPolicy policy;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  KeyGroupRegister(KeyGroupRecords records, SampleRecords persons, TestingPolicy policy,
      ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
    this.records = records;
    this.persons = persons;
    this.policy = policy;
    this.events = events;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  /**
   * Registers the members of a JSON list, all or none.
   *
   * @throws TestingProblem for the first bad item, naming it ({@code members[i]}): 400 a missing or bad
   *     field or an unknown key group, 404 an unknown person, 403 a person living outside the
   *     jurisdiction
   */
  @Transactional
  Registered register(Caller caller, List<KeyGroupMemberRequest> body) {
    if (body == null || body.isEmpty()) {
      throw TestingProblem.badRequest("the body must be a non-empty JSON list of members "
          + "{personId, group, workplaceId?, workplaceName?, since?}");
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      KeyGroupMemberRequest r = body.get(i);
      if (r == null) {
        throw TestingProblem.badRequest("members[" + i + "] is null");
      }
      rows.add(new Row(i, r.personId(), r.group(), r.workplaceId(), r.workplaceName(), r.since()));
    }
    List<Problem> problems = check(caller, rows);
    if (!problems.isEmpty()) {
      Problem p = problems.get(0);
      throw new TestingProblem(p.status(), "members[" + p.line() + "]: " + p.reason());
    }
    return store(caller, rows);
  }

  /**
   * Registers the members of a CSV upload (header {@code person_id,group,workplace_id,workplace_name}
   * with an optional fifth column {@code since}), all or none: the report lists every bad line.
   */
  @Transactional
  BatchReport upload(Caller caller, InputStream in) {
    CsvReader reader = new CsvReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    CsvRecord header = reader.next();
    if (header == null) {
      throw TestingProblem.badRequest("the upload is empty; expected the header line "
          + String.join(",", CSV_COLUMNS) + "[,since]");
    }
    List<String> names = new ArrayList<>();
    for (String f : header.fields()) {
      names.add(f.strip().replace("\uFEFF", ""));
    }
    boolean withSince = names.size() == 5 && names.subList(0, 4).equals(CSV_COLUMNS)
        && names.get(4).equals("since");
    if (!withSince && !names.equals(CSV_COLUMNS)) {
      throw TestingProblem.badRequest("line 1: header " + names + " is not "
          + String.join(",", CSV_COLUMNS) + "[,since]");
    }
    List<Row> rows = new ArrayList<>();
    List<BatchReport.RowError> errors = new ArrayList<>();
    long lines = 0;
    for (CsvRecord rec = reader.next(); rec != null; rec = reader.next()) {
      lines++;
      String[] f = rec.fields();
      if (rec.error() != null) {
        errors.add(new BatchReport.RowError(rec.line(), rec.error()));
      } else if (f.length != names.size()) {
        errors.add(new BatchReport.RowError(rec.line(), "expected " + names.size() + " fields, got "
            + f.length));
      } else if (!f[0].strip().matches("[0-9]{1,18}")) {
        errors.add(new BatchReport.RowError(rec.line(), "person_id '" + f[0] + "' is not a person id"));
      } else {
        rows.add(new Row(rec.line(), Long.parseLong(f[0].strip()), f[1], f[2], f[3],
            withSince ? f[4] : null));
      }
    }
    if (lines == 0) {
      throw TestingProblem.badRequest("the upload has a header and no member");
    }
    for (Problem p : check(caller, rows)) {
      errors.add(new BatchReport.RowError(p.line(), p.reason()));
    }
    if (!errors.isEmpty()) {
      errors.sort((a, b) -> Long.compare(a.line(), b.line()));
      return new BatchReport(lines, 0, 0, SampleRegistration.capped(errors), false);
    }
    Registered done = store(caller, rows);
    // members registered already count as duplicates (their workplace is taken from the upload)
    return new BatchReport(lines, lines, done.updated(), List.of(), true);
  }

  /**
   * Removes a person's membership of {@code group} (every group when null).
   *
   * @return the groups removed
   * @throws TestingProblem 404 when the person is in no such group in the caller's jurisdiction
   */
  @Transactional
  List<String> remove(Caller caller, long personId, String group) {
    Map<Long, String> home = persons.homes(List.of(personId));
    if (!home.containsKey(personId) || !caller.scope().contains(home.get(personId))) {
      throw TestingProblem.notFound("no person " + personId + " in your jurisdiction " + caller.jurisdiction());
    }
    List<String> removed = records.delete(personId, group == null || group.isBlank() ? null : group.strip());
    if (removed.isEmpty()) {
      throw TestingProblem.notFound("person " + personId + " is in no key group"
          + (group == null ? "" : " " + group));
    }
    Instant now = clock.instant();
    events.publishEvent(new KeyGroupMembershipChanged(removed.stream()
        .map(g -> new KeyGroupMembershipChanged.Change(personId, g, false, now)).toList()));
    refreshRoundsAfterCommit(removed);
    return removed;
  }

  /**
   * The rounds of campaigns targeting {@code groups} take their members when built: after this
   * transaction commits, they are rebuilt on next use (as after a sample), never before the commit.
   */
  private void refreshRoundsAfterCommit(java.util.Collection<String> groups) {
    List<String> campaigns = records.campaignsOf(groups);
    if (campaigns.isEmpty()) {
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        campaigns.forEach(id -> events.publishEvent(new TestingDataChanged(id)));
      }
    });
  }

  private record Problem(long line, HttpStatus status, String reason) {
  }

  /** Every problem of {@code rows}, in row order (normalises nothing: {@link #store} does). */
  private List<Problem> check(Caller caller, List<Row> rows) {
    List<Problem> problems = new ArrayList<>();
    Set<Long> ids = new LinkedHashSet<>();
    for (Row r : rows) {
      if (r.personId() != null) {
        ids.add(r.personId());
      }
    }
    Map<Long, String> homes = persons.homes(ids);
    Set<String> seen = new HashSet<>();
    Instant now = clock.instant();
    for (Row r : rows) {
      String problem = null;
      HttpStatus status = HttpStatus.BAD_REQUEST;
      try {
        String group = r.group() == null ? "" : r.group().strip();
        if (r.personId() == null) {
          problem = "personId is required";
        } else if (group.isEmpty()) {
          problem = "group is required";
        } else if (policy.schedule(group).isEmpty()) {
          problem = "unknown key group '" + group + "' (the testing policy schedules "
              + policy.schedules().stream().map(s -> s.group()).toList() + ")";
        } else if (!homes.containsKey(r.personId())) {
          problem = "unknown person " + r.personId();
          status = HttpStatus.NOT_FOUND;
        } else if (!caller.scope().contains(new DivisionCode(homes.get(r.personId())))) {
          problem = "person " + r.personId() + " lives outside your jurisdiction " + caller.jurisdiction();
          status = HttpStatus.FORBIDDEN;
        } else if (!seen.add(r.personId() + "|" + group)) {
          problem = "person " + r.personId() + " is listed twice for group " + group;
        } else {
          workplace(r);
          Instant since = since(r);
          if (since.isAfter(now)) {
            problem = "since " + r.since() + " is in the future";
          }
        }
      } catch (IllegalArgumentException e) {
        problem = e.getMessage();
      }
      if (problem != null) {
        problems.add(new Problem(r.line(), status, problem));
      }
    }
    return problems;
  }

  private Instant since(Row r) {
    return r.since() == null || r.since().isBlank() ? clock.instant() : IsoTime.parse("since", r.since().strip());
  }

  /** The workplace id and name, both optional; the name alone is refused (boards group by id). */
  private static String[] workplace(Row r) {
    String id = r.workplaceId() == null || r.workplaceId().isBlank() ? null
        : Ids.requireToken("workplaceId", r.workplaceId().strip(), 64);
    String name = r.workplaceName() == null || r.workplaceName().isBlank() ? null : r.workplaceName().strip();
    if (name != null && id == null) {
      throw new IllegalArgumentException("workplaceName without workplaceId");
    }
    if (name != null && name.length() > 200) {
      throw new IllegalArgumentException("workplaceName is longer than 200 characters");
    }
    return new String[] {id, name};
  }

  /** Stores checked rows: new memberships inserted, existing ones moved to the given workplace. */
  private Registered store(Caller caller, List<Row> rows) {
    Set<String> existing = new HashSet<>(records.existing(rows.stream().map(Row::personId).toList()));
    List<KeyGroupRecords.NewMember> added = new ArrayList<>();
    List<KeyGroupRecords.NewMember> moved = new ArrayList<>();
    for (Row r : rows) {
      String group = r.group().strip();
      String[] w = workplace(r);
      KeyGroupRecords.NewMember m = new KeyGroupRecords.NewMember(r.personId(), group, w[0], w[1], since(r));
      (existing.contains(r.personId() + "|" + group) ? moved : added).add(m);
    }
    Instant now = clock.instant();
    records.insert(added, caller.name(), now);
    records.updateWorkplaces(moved);
    if (!added.isEmpty()) {
      events.publishEvent(new KeyGroupMembershipChanged(added.stream()
          .map(m -> new KeyGroupMembershipChanged.Change(m.personId(), m.group(), true, m.since())).toList()));
      refreshRoundsAfterCommit(added.stream().map(KeyGroupRecords.NewMember::group).distinct().toList());
    }
    return new Registered(rows.size(), added.size(), moved.size());
  }
}
