package org.cordon.server.testing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.place.DivisionCode;
import org.cordon.server.security.Caller;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records antigen tests for the key-group schedules that ask for them, all or none; the health codes
 * hear of the positive and negative ones through {@link AntigenTestsRecorded}, published in the
 * transaction (they are not lab results: no tube, no recall, no case; a positive one is followed by PCR).
 */
@Service
public class AntigenTests {

  private final KeyGroupRecords records;
  private final SampleRecords persons;
  private final org.springframework.context.ApplicationEventPublisher events;
  private final Clock clock;

  AntigenTests(KeyGroupRecords records, SampleRecords persons,
      org.springframework.context.ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
    this.records = records;
    this.persons = persons;
    this.events = events;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  /**
   * Stores the tests; the number stored.
   *
   * @throws TestingProblem for the first bad item ({@code tests[i]}): 400 bad field or time in the future,
   *     404 unknown person, 403 a person living outside the jurisdiction
   */
  @Transactional
  public int record(Caller caller, List<AntigenTestRequest> body) {
    if (body == null || body.isEmpty()) {
      throw TestingProblem.badRequest("the body must be a non-empty JSON list of {personId, testedAt, result}");
    }
    Set<Long> ids = new LinkedHashSet<>();
    body.forEach(t -> {
      if (t != null && t.personId() != null) {
        ids.add(t.personId());
      }
    });
    Map<Long, String> homes = persons.homes(ids);
    Instant now = clock.instant();
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      AntigenTestRequest t = body.get(i);
      String at = "tests[" + i + "]: ";
      if (t == null || t.personId() == null) {
        throw TestingProblem.badRequest(at + "personId is required");
      }
      if (!homes.containsKey(t.personId())) {
        throw TestingProblem.notFound(at + "unknown person " + t.personId());
      }
      if (!caller.scope().contains(new DivisionCode(homes.get(t.personId())))) {
        throw new TestingProblem(HttpStatus.FORBIDDEN, at + "person " + t.personId()
            + " lives outside your jurisdiction " + caller.jurisdiction());
      }
      try {
        Instant when = IsoTime.parse("testedAt", t.testedAt());
        if (when.isAfter(now)) {
          throw new IllegalArgumentException("testedAt " + t.testedAt() + " is in the future");
        }
        rows.add(new Object[] {t.personId(), when, LabResult.outcome(t.result())});
      } catch (IllegalArgumentException e) {
        throw TestingProblem.badRequest(at + e.getMessage());
      }
    }
    records.insertAntigen(rows, caller.name(), now);
    List<AntigenTestsRecorded.Test> told = new ArrayList<>();
    for (Object[] r : rows) {
      if (!r[2].equals("invalid")) {
        told.add(new AntigenTestsRecorded.Test((Long) r[0], (Instant) r[1], r[2].equals("positive")));
      }
    }
    if (!told.isEmpty()) {
      events.publishEvent(new AntigenTestsRecorded(told));
    }
    return rows.size();
  }
}
