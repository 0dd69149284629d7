package org.cordon.server.tracing;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cordon.core.tracing.ContactCategory;
import org.cordon.core.tracing.ContactTracingEngine;
import org.cordon.core.tracing.TracedContact;
import org.cordon.core.tracing.TracingCase;
import org.cordon.core.tracing.TracingData;
import org.cordon.core.tracing.TracingPolicy;
import org.cordon.server.security.Caller;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Confirms a case: checks the request, traces the new case over the {@link PresenceSnapshot} as of now
 * and stores the case with its contact list and the evidence of every row in one transaction.
 *
 * <p>Each case is traced on its own, so its stored list is exactly its own contacts (with the
 * semantics of {@link ContactTracingEngine}) and does not change when later cases are confirmed; a
 * person who is a close contact of one case and a key person of another appears in both lists, each
 * under its own category. Persons who are themselves confirmed cases are left out of the list, as cases
 * are never listed as contacts. The policy is {@link TracingPolicy#defaults()} (the numbers of the
 * shipped {@code policy/tracing-default.yaml}), or the file named by {@code cordon.tracing.policy}.
 * It publishes a {@link CaseTraced} with the case and its stored contacts inside that transaction.
 */
@Service
public class CaseConfirmation {

  private final CaseRecords records;
  private final PresenceSnapshot snapshot;
  private final ContactTracingEngine engine;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  CaseConfirmation(CaseRecords records, PresenceSnapshot snapshot, PlatformTransactionManager transactions,
      ObjectProvider<Clock> clock, @Value("${cordon.tracing.policy:}") String policyFile,
      ApplicationEventPublisher events) {
    this.events = events;
    this.records = records;
    this.snapshot = snapshot;
    this.engine = new ContactTracingEngine(policyFile.isBlank() ? TracingPolicy.defaults()
        : TracingPolicy.read(Path.of(policyFile)));
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  /** The policy cases are traced with. */
  public TracingPolicy policy() {
    return engine.policy();
  }

  /**
   * Confirms the case {@code request} describes, for {@code caller}.
   *
   * @throws CaseProblem 400 for a missing or malformed field, an onset or isolation in the future, an
   *     isolation before the onset; 404 for a person unknown or outside the caller's jurisdiction (the
   *     two are not told apart, as in the persons API); 409 for a person who already has a case.
   *     Public for {@code org.cordon.server.testing}, where a positive single-tube result confirms a case.
   */
  public ConfirmedCase confirm(Caller caller, CaseRequest request) {
    if (request == null || request.personId() == null) {
      throw new CaseProblem(HttpStatus.BAD_REQUEST, "personId is required");
    }
    long personId = request.personId();
    if (personId <= 0) {
      throw new CaseProblem(HttpStatus.BAD_REQUEST, "personId must be positive, got " + personId);
    }
    if (request.onsetTime() == null || request.onsetTime().isBlank()) {
      throw new CaseProblem(HttpStatus.BAD_REQUEST, "onsetTime is required");
    }
    Instant now = clock.instant();
    Instant onset = time("onsetTime", request.onsetTime());
    Instant isolated = request.isolatedTime() == null || request.isolatedTime().isBlank() ? null
        : time("isolatedTime", request.isolatedTime());
    if (onset.isAfter(now)) {
      throw new CaseProblem(HttpStatus.BAD_REQUEST, "onsetTime " + request.onsetTime()
          + " is in the future (now is " + now + ")");
    }
    if (isolated != null && isolated.isBefore(onset)) {
      throw new CaseProblem(HttpStatus.BAD_REQUEST, "isolatedTime " + request.isolatedTime()
          + " is before onsetTime " + request.onsetTime());
    }
    if (isolated != null && isolated.isAfter(now)) {
      throw new CaseProblem(HttpStatus.BAD_REQUEST, "isolatedTime " + request.isolatedTime()
          + " is in the future (now is " + now + ")");
    }
    String home = records.homeOf(personId).orElse(null);
    if (home == null || !caller.scope().contains(home)) {
      throw new CaseProblem(HttpStatus.NOT_FOUND, "no person " + personId + " in your jurisdiction "
          + caller.jurisdiction());
    }
    records.caseOf(personId).ifPresent(id -> {
      throw new CaseProblem(HttpStatus.CONFLICT, "person " + personId + " already has case " + id);
    });

    TracingData data = snapshot.current();
    if (data.personIndex(personId) < 0) {
      // stored other than through intake since the snapshot was built
      snapshot.invalidate();
      data = snapshot.current();
    }
    long started = System.nanoTime();
    List<TracedContact> traced = engine.trace(data, List.of(new TracingCase(personId, onset, isolated)),
        now);
    long tracedInMs = (System.nanoTime() - started) / 1_000_000;
    Set<Long> cases = records.casePersons();
    List<TracedContact> contacts = traced.stream().filter(c -> !cases.contains(c.personId())).toList();

    Long caseId = tx.execute(status -> {
      long id = records.insertCase(personId, onset, isolated, caller.name(), now);
      records.insertContacts(id, contacts);
      // listeners (follow-up tasks, assist requests) write in this transaction
      events.publishEvent(new CaseTraced(id, personId, onset, caller.name(), now, contacts));
      return id;
    });
    Map<ContactCategory, Integer> counts = new EnumMap<>(ContactCategory.class);
    for (ContactCategory c : ContactCategory.values()) {
      counts.put(c, 0);
    }
    contacts.forEach(c -> counts.merge(c.category(), 1, Integer::sum));
    Map<String, Integer> byCode = new LinkedHashMap<>();
    counts.forEach((c, n) -> byCode.put(c.code(), n));
    return new ConfirmedCase(caseId, personId, byCode, tracedInMs);
  }

  private static Instant time(String field, String text) {
    try {
      return OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw new CaseProblem(HttpStatus.BAD_REQUEST, field + " '" + text
          + "' is not an ISO-8601 time with offset, e.g. 2026-11-20T08:00:00+08:00");
    }
  }
}
