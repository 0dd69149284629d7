package org.cordon.server.tracing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cordon.core.person.Person;
import org.cordon.core.place.Division;
import org.cordon.core.place.DivisionTree;
import org.cordon.core.tracing.ContactCategory;
import org.cordon.core.tracing.ContactTrack;
import org.cordon.core.tracing.TracingPolicy;
import org.cordon.server.security.Caller;
import org.cordon.server.security.Jurisdiction;
import org.cordon.server.security.Permission;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * What the case page shows: a case's facts, its itinerary, its transmission graph and the evidence of
 * each link, all for one caller (scoped to its jurisdiction, personal data masked per role). Auditing is
 * the controller's, before anything leaves.
 *
 * <p>The windows are the tracing policy's ({@link CaseConfirmation#policy()}), anchored where the trace
 * was: a case's contacts were traced as of its confirmation, so its windows end at its isolation or,
 * if it was not isolated then, at the confirmation.
 */
@Service
class CasePage {

  /** Stays shown in an itinerary at most. */
  static final int ITINERARY_LIMIT = 2_000;

  private final CasePageQueries queries;
  private final TracingPolicy policy;
  private final DivisionTree divisions;
  private final Clock clock;

  CasePage(CasePageQueries queries, CaseConfirmation confirmation, DivisionTree divisions,
      ObjectProvider<Clock> clock) {
    this.queries = queries;
    this.policy = confirmation.policy();
    this.divisions = divisions;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  /** Case {@code caseId} if its person lives in the caller's jurisdiction. */
  Optional<CasePageQueries.CaseFacts> find(long caseId, Caller caller) {
    return queries.caseIn(caseId, caller.scope());
  }

  CaseDetail detail(CasePageQueries.CaseFacts c, Caller caller) {
    Person p = c.person();
    boolean fullId = caller.may(Permission.SEE_FULL_IDENTITY_NUMBER);
    boolean fullPhone = caller.may(Permission.SEE_FULL_PHONE);
    String divisionName = divisions.find(p.homeDivision()).map(Division::name).orElse(null);
    return new CaseDetail(c.caseId(), p.personId(), p.name(), p.homeDivision().value(), divisionName,
        fullId ? p.idNumber().value() : p.idNumber().masked(), !fullId,
        fullPhone ? p.phone() : p.maskedPhone(), !fullPhone, c.onset(), c.isolated(), c.confirmedBy(),
        c.confirmedAt(), contactWindow(c), companionWindow(c), queries.contactCounts(c.caseId()));
  }

  /** The case's stays in {@code [onset − companion window, isolated or now)}. */
  CaseItinerary itinerary(CasePageQueries.CaseFacts c) {
    Instant from = c.onset().toInstant().minus(Duration.ofDays(policy.companionWindowDays()));
    Instant to = c.isolated() != null ? c.isolated().toInstant() : clock.instant();
    if (to.isBefore(from)) {
      to = from;
    }
    List<Stay> stays = queries.stays(c.person().personId(), from, to, null, null, ITINERARY_LIMIT + 1);
    boolean truncated = stays.size() > ITINERARY_LIMIT;
    return new CaseItinerary(c.caseId(), c.person().personId(), TimeWindow.of(from, to),
        truncated ? stays.subList(0, ITINERARY_LIMIT) : stays, truncated);
  }

  /**
   * The graph: the case, every close and secondary contact (up to {@code severeCap} each) and up to
   * {@code limit} key persons and companions each. Contacts living outside the caller's jurisdiction
   * are withheld (no name).
   */
  CaseGraph graph(CasePageQueries.CaseFacts c, Caller caller, int limit, int severeCap) {
    Jurisdiction scope = caller.scope();
    Map<String, Long> total = queries.contactCounts(c.caseId());
    Map<String, Integer> shown = new LinkedHashMap<>();
    Map<Long, CaseGraph.Node> nodes = new LinkedHashMap<>();
    List<CaseGraph.Edge> edges = new ArrayList<>();
    Person p = c.person();
    nodes.put(p.personId(), new CaseGraph.Node(p.personId(), p.name(), p.homeDivision().value(), "case",
        false));
    for (ContactCategory category : ContactCategory.values()) {
      boolean severe = category == ContactCategory.CLOSE || category == ContactCategory.SECONDARY;
      List<CasePageQueries.GraphRow> rows = queries.contacts(c.caseId(), category,
          severe ? severeCap : limit);
      shown.put(category.code(), rows.size());
      for (CasePageQueries.GraphRow r : rows) {
        boolean visible = scope.contains(r.homeDivision());
        nodes.putIfAbsent(r.personId(), new CaseGraph.Node(r.personId(), visible ? r.name() : null,
            r.homeDivision(), r.category(), !visible));
        edges.add(new CaseGraph.Edge(r.sourcePersonId(), r.personId(), r.category(), r.via(),
            r.place(), r.placeName(), r.firstExposure(), r.lastExposure()));
      }
    }
    // Sources not shown yet: a close contact who is a case of its own (cases are never listed as
    // contacts), or one beyond the cap.
    Set<Long> missing = new LinkedHashSet<>();
    for (CaseGraph.Edge e : edges) {
      if (!nodes.containsKey(e.source())) {
        missing.add(e.source());
      }
    }
    for (CasePageQueries.NodePerson n : queries.persons(missing)) {
      boolean visible = scope.contains(n.homeDivision());
      nodes.put(n.personId(), new CaseGraph.Node(n.personId(), visible ? n.name() : null,
          n.homeDivision(), n.isCase() ? "case" : ContactCategory.CLOSE.code(), !visible));
    }
    for (Long id : missing) {
      nodes.putIfAbsent(id, new CaseGraph.Node(id, null, null, ContactCategory.CLOSE.code(), true));
    }
    return new CaseGraph(c.caseId(), List.copyOf(nodes.values()), edges, total, shown, limit);
  }

  /**
   * The evidence of contact {@code personId}'s link to case {@code c}, empty if it is not a stored
   * contact of the case living in the caller's jurisdiction.
   */
  Optional<LinkEvidence> evidence(CasePageQueries.CaseFacts c, long personId, Caller caller) {
    Jurisdiction scope = caller.scope();
    CasePageQueries.GraphRow row = queries.contact(c.caseId(), personId).orElse(null);
    if (row == null || !scope.contains(row.homeDivision())) {
      return Optional.empty();
    }
    ContactTrack track = ContactTrack.valueOf(row.via().toUpperCase(Locale.ROOT));
    TimeWindow window = linkWindow(c, row);
    long source = row.sourcePersonId();
    String sourceName;
    boolean sourceWithheld;
    if (source == c.person().personId()) {
      sourceName = c.person().name();
      sourceWithheld = false;
    } else {
      CasePageQueries.NodePerson s = queries.persons(List.of(source)).stream().findFirst().orElse(null);
      sourceWithheld = s == null || !scope.contains(s.homeDivision());
      sourceName = sourceWithheld ? null : s.name();
    }
    boolean cell = track == ContactTrack.CELL;
    int minimumMinutes = cell ? policy.companionMinimumOverlapMinutes()
        : policy.minimumOverlapMinutes();
    Integer maxSeats = track == ContactTrack.TRIP ? policy.maxSeatRowDistance() : null;
    if (track == ContactTrack.HOUSEHOLD) {
      long seconds = Duration.between(window.start(), window.end()).toSeconds();
      return Optional.of(new LinkEvidence(c.caseId(), personId, row.name(), row.category(), source,
          sourceName, sourceWithheld, row.via(), row.place(), null, window, minimumMinutes, null,
          row.firstExposure(), row.lastExposure(), List.of(), List.of(), List.of(
              new LinkEvidence.Overlap(-1, -1, window.from(), window.to(), Math.max(0, seconds), true,
                  null))));
    }
    List<Stay> sourceStays = queries.stays(source, window.start(), window.end(), track, row.place(),
        ITINERARY_LIMIT);
    List<Stay> contactStays = queries.stays(personId, window.start(), window.end(), track, row.place(),
        ITINERARY_LIMIT);
    boolean closeTrip = track == ContactTrack.TRIP && (row.category().equals("close")
        || row.category().equals("secondary"));
    List<LinkEvidence.Overlap> overlaps = new ArrayList<>();
    for (int i = 0; i < sourceStays.size(); i++) {
      for (int j = 0; j < contactStays.size(); j++) {
        Stay a = sourceStays.get(i);
        Stay b = contactStays.get(j);
        Instant from = max(max(a.start().toInstant(), b.start().toInstant()), window.start());
        Instant to = min(min(a.end().toInstant(), b.end().toInstant()), window.end());
        if (!to.isAfter(from)) {
          continue;
        }
        long seconds = Duration.between(from, to).toSeconds();
        Integer apart = a.seatRow() != null && b.seatRow() != null
            ? Math.abs(a.seatRow() - b.seatRow()) : null;
        boolean meets = seconds >= minimumMinutes * 60L
            && (!closeTrip || (apart != null && apart <= policy.maxSeatRowDistance()));
        TimeWindow overlap = TimeWindow.of(from, to);
        overlaps.add(new LinkEvidence.Overlap(i, j, overlap.from(), overlap.to(), seconds, meets,
            apart));
      }
    }
    overlaps.sort(Comparator.comparing(LinkEvidence.Overlap::from));
    String placeName = row.placeName();
    return Optional.of(new LinkEvidence(c.caseId(), personId, row.name(), row.category(), source,
        sourceName, sourceWithheld, row.via(), row.place(), placeName, window, minimumMinutes, maxSeats,
        row.firstExposure(), row.lastExposure(), sourceStays, contactStays, overlaps));
  }

  /** End of the case's windows: its isolation, cut to the trace (the confirmation), as the engine does. */
  private static Instant traceEnd(CasePageQueries.CaseFacts c) {
    Instant asOf = c.confirmedAt().toInstant();
    return c.isolated() == null ? asOf : min(c.isolated().toInstant(), asOf);
  }

  TimeWindow contactWindow(CasePageQueries.CaseFacts c) {
    return window(c.onset().toInstant().minus(Duration.ofDays(policy.contactWindowDays())),
        traceEnd(c));
  }

  TimeWindow companionWindow(CasePageQueries.CaseFacts c) {
    return window(c.onset().toInstant().minus(Duration.ofDays(policy.companionWindowDays())),
        traceEnd(c));
  }

  /**
   * The window a link was found in (see {@link org.cordon.core.tracing.ContactTracingEngine}): the
   * case's companion window for a companion, its contact window for a close contact or key person,
   * and for a secondary contact {@code [the close contact's first exposure, the trace)}: each case is
   * traced on its own, so its close contacts circulate until the trace. A close contact who is a case
   * of its own is not stored as a contact, so its first exposure is not known: the window then opens
   * with the case's contact window, and may show meetings from before the one that counted.
   */
  private TimeWindow linkWindow(CasePageQueries.CaseFacts c, CasePageQueries.GraphRow row) {
    if (row.category().equals(ContactCategory.COMPANION.code())) {
      return companionWindow(c);
    }
    TimeWindow contact = contactWindow(c);
    if (!row.category().equals(ContactCategory.SECONDARY.code())) {
      return contact;
    }
    Instant from = queries.contact(c.caseId(), row.sourcePersonId())
        .filter(s -> s.category().equals(ContactCategory.CLOSE.code()))
        .map(s -> s.firstExposure().toInstant())
        .orElse(contact.start());
    return window(from, c.confirmedAt().toInstant());
  }

  private static TimeWindow window(Instant from, Instant to) {
    return TimeWindow.of(from, to.isBefore(from) ? from : to);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
