package org.cordon.core.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cordon.core.tracing.ContactCategory.CLOSE;
import static org.cordon.core.tracing.ContactCategory.COMPANION;
import static org.cordon.core.tracing.ContactCategory.KEY;
import static org.cordon.core.tracing.ContactCategory.SECONDARY;
import static org.cordon.core.tracing.TracingFixture.at;

import java.time.Instant;
import java.util.List;
import org.cordon.core.place.ContactClass;
import org.junit.jupiter.api.Test;

/** The named edge cases, each with its expected listing, checked on engine and reference. */
class ContactTracingEngineTest {
  private static final long CASE = 1;
  private static final TracingPolicy DEFAULTS = TracingPolicy.defaults();

  private static TracingFixture city() {
    TracingFixture f = new TracingFixture();
    f.person(CASE, 100);
    for (long p = 2; p <= 9; p++) {
      f.person(p, 100 + p);
    }
    return f.venue("ROOM", 30, ContactClass.CLOSE).venue("HALL", 60, ContactClass.KEY);
  }

  private static List<TracingCase> oneCase(Instant onset) {
    return List.of(new TracingCase(CASE, onset, null));
  }

  private static void assertListing(TracingFixture f, TracingPolicy policy, List<TracingCase> cases,
      Instant asOf, TracedContact... expected) {
    assertThat(f.reference(policy, cases, asOf)).as("reference").containsExactly(expected);
    assertThat(f.engine(policy, cases, asOf)).as("engine").containsExactly(expected);
  }

  private static TracedContact contact(long person, ContactCategory category, long source,
      ContactTrack track, String place, Instant first, Instant last) {
    return new TracedContact(person, category, source, track, place, first, last);
  }

  @Test
  void intervalsThatOnlyTouchDoNotMeet() {
    TracingFixture f = city().scan(CASE, "ROOM", at(2, 10, 0), at(2, 11, 0))
        .scan(2, "ROOM", at(2, 11, 0), at(2, 12, 0));
    assertListing(f, DEFAULTS, oneCase(at(3, 0, 0)), at(3, 0, 0));
  }

  @Test
  void anOverlapOfExactlyOneMinuteMeetsAndFiftyNineSecondsDoesNot() {
    TracingFixture f = city().scan(CASE, "ROOM", at(2, 10, 0), at(2, 11, 0))
        .scan(2, "ROOM", at(2, 10, 59), at(2, 12, 0))
        .scan(3, "ROOM", at(2 * 86_400 + 10 * 3600 + 59 * 60 + 1), at(2, 11, 0));
    assertListing(f, DEFAULTS, oneCase(at(3, 0, 0)), at(3, 0, 0),
        contact(2, CLOSE, CASE, ContactTrack.VENUE, "ROOM", at(2, 10, 59), at(2, 11, 0)));
  }

  @Test
  void aScanWithoutExitLastsTheVenueDwellMinutes() {
    TracingFixture f = city().scan(CASE, "ROOM", at(2, 10, 0), null)
        .scan(2, "ROOM", at(2, 10, 29), null)
        .scan(3, "ROOM", at(2, 10, 30), null);
    assertListing(f, DEFAULTS, oneCase(at(3, 0, 0)), at(3, 0, 0),
        contact(2, CLOSE, CASE, ContactTrack.VENUE, "ROOM", at(2, 10, 29), at(2, 10, 30)),
        contact(3, SECONDARY, 2, ContactTrack.VENUE, "ROOM", at(2, 10, 30), at(2, 10, 59)));
  }

  @Test
  void exactlyTenMinutesInACellMakeACompanionAndLessDoesNot() {
    TracingFixture f = city().dwell(CASE, "C1", at(2, 8, 0), at(2, 9, 0))
        .dwell(2, "C1", at(2, 8, 50), at(2, 10, 0))
        .dwell(3, "C1", at(2 * 86_400 + 8 * 3600 + 50 * 60 + 1), at(2, 10, 0))
        .dwell(4, "C2", at(2, 8, 0), at(2, 9, 0));
    assertListing(f, DEFAULTS, oneCase(at(3, 0, 0)), at(3, 0, 0),
        contact(2, COMPANION, CASE, ContactTrack.CELL, "C1", at(2, 8, 50), at(2, 9, 0)));
  }

  @Test
  void seatsAtMostThreeRowsApartMakeCloseContactsAndOtherRidersKeyPersons() {
    TracingFixture f = city().ride(CASE, "K1", 5, at(2, 7, 0), at(2, 8, 0))
        .ride(2, "K1", 8, at(2, 7, 30), at(2, 8, 30))
        .ride(3, "K1", 12, at(2, 7, 0), at(2, 8, 0))
        .ride(4, "K1", null, at(2, 7, 0), at(2, 7, 10));
    assertListing(f, DEFAULTS, oneCase(at(3, 0, 0)), at(3, 0, 0),
        contact(2, CLOSE, CASE, ContactTrack.TRIP, "K1", at(2, 7, 30), at(2, 8, 0)),
        contact(3, KEY, CASE, ContactTrack.TRIP, "K1", at(2, 7, 0), at(2, 8, 0)),
        contact(4, KEY, CASE, ContactTrack.TRIP, "K1", at(2, 7, 0), at(2, 7, 10)));
  }

  @Test
  void householdMembersAreExposedOverTheWholeContactWindow() {
    TracingFixture f = new TracingFixture().person(CASE, 100).person(2, 100).person(3, 200);
    Instant onset = at(5, 12, 0);
    Instant isolated = at(6, 9, 0);
    assertListing(f, DEFAULTS, List.of(new TracingCase(CASE, onset, isolated)), at(9, 0, 0),
        contact(2, CLOSE, CASE, ContactTrack.HOUSEHOLD, "100", at(1, 12, 0), isolated));
  }

  @Test
  void aKeyPersonWhoIsAlsoASecondaryContactIsListedAsSecondary() {
    TracingFixture f = city().scan(CASE, "ROOM", at(2, 10, 0), at(2, 11, 0))
        .scan(2, "ROOM", at(2, 10, 30), at(2, 11, 30))
        .scan(CASE, "HALL", at(2, 14, 0), at(2, 15, 0))
        .scan(3, "HALL", at(2, 14, 10), at(2, 14, 20))
        .scan(2, "ROOM", at(2, 18, 0), at(2, 19, 0))
        .scan(3, "ROOM", at(2, 18, 30), at(2, 20, 0));
    assertListing(f, DEFAULTS, oneCase(at(3, 0, 0)), at(3, 12, 0),
        contact(2, CLOSE, CASE, ContactTrack.VENUE, "ROOM", at(2, 10, 30), at(2, 11, 0)),
        contact(3, SECONDARY, 2, ContactTrack.VENUE, "ROOM", at(2, 18, 30), at(2, 19, 0)));
  }

  @Test
  void secondaryLinksBeforeTheCloseContactsFirstExposureDoNotCount() {
    TracingFixture f = city().scan(2, "ROOM", at(2, 8, 0), at(2, 9, 0))
        .scan(3, "ROOM", at(2, 8, 0), at(2, 9, 0))
        .scan(CASE, "ROOM", at(2, 10, 0), at(2, 11, 0))
        .scan(2, "ROOM", at(2, 10, 30), at(2, 11, 30));
    assertListing(f, DEFAULTS, oneCase(at(3, 0, 0)), at(3, 12, 0),
        contact(2, CLOSE, CASE, ContactTrack.VENUE, "ROOM", at(2, 10, 30), at(2, 11, 0)));
  }

  @Test
  void aCloseContactWhoIsAlsoACaseIsNotListedButPassesOnSecondariesUntilIsolated() {
    TracingFixture f = new TracingFixture().person(CASE, 100).person(2, 100).person(3, 300)
        .person(4, 400).venue("ROOM", 30, ContactClass.CLOSE)
        .scan(2, "ROOM", at(1, 9, 0), at(1, 10, 0))
        .scan(3, "ROOM", at(1, 9, 0), at(1, 10, 0))
        .scan(2, "ROOM", at(3, 9, 0), at(3, 10, 0))
        .scan(4, "ROOM", at(3, 9, 0), at(3, 10, 0));
    // case 2 is a household close contact of case 1 from day 0; its own window opens on day 2 and it
    // is isolated at noon on day 2: person 3 (day 1) is its secondary, person 4 (day 3) is nothing
    List<TracingCase> cases = List.of(new TracingCase(CASE, at(4, 0, 0), null),
        new TracingCase(2, at(6, 0, 0), at(2, 12, 0)));
    assertListing(f, DEFAULTS, cases, at(5, 0, 0),
        contact(3, SECONDARY, 2, ContactTrack.VENUE, "ROOM", at(1, 9, 0), at(1, 10, 0)));
  }

  @Test
  void meetingsAcrossMidnightAndTheWindowStartCount() {
    Instant onset = at(4, 0, 30);
    TracingFixture f = city()
        .scan(CASE, "ROOM", at(0, 23, 50), at(1, 0, 20))
        .scan(2, "ROOM", at(1, 0, 10), at(1, 1, 0))
        .scan(CASE, "HALL", at(0, 0, 0), at(0, 0, 31))
        .scan(3, "HALL", at(0, 0, 0), at(0, 0, 31))
        .scan(4, "HALL", at(0, 0, 0), at(0, 0, 30))
        .scan(CASE, "ROOM", at(3, 23, 0), at(4, 1, 0))
        .scan(5, "ROOM", at(3, 23, 30), at(4, 3, 0));
    assertListing(f, DEFAULTS, oneCase(onset), at(4, 0, 45),
        contact(2, CLOSE, CASE, ContactTrack.VENUE, "ROOM", at(1, 0, 10), at(1, 0, 20)),
        contact(5, CLOSE, CASE, ContactTrack.VENUE, "ROOM", at(3, 23, 30), at(4, 0, 45)),
        contact(3, KEY, CASE, ContactTrack.VENUE, "HALL", at(0, 0, 30), at(0, 0, 31)));
  }

  @Test
  void aPersonReachedTwiceInOneCategoryKeepsTheEarliestSourceAndTheLatestEnd() {
    TracingFixture f = city().scan(CASE, "HALL", at(2, 10, 0), at(2, 11, 0))
        .scan(2, "HALL", at(2, 9, 0), at(2, 12, 0))
        .scan(3, "HALL", at(2, 8, 0), at(2, 9, 0))
        .scan(3, "HALL", at(2, 13, 0), at(2, 14, 0))
        .scan(2, "HALL", at(2, 13, 30), at(2, 13, 45));
    List<TracingCase> cases = List.of(new TracingCase(CASE, at(3, 0, 0), null),
        new TracingCase(3, at(3, 0, 0), null));
    assertListing(f, DEFAULTS, cases, at(3, 0, 0),
        contact(2, KEY, CASE, ContactTrack.VENUE, "HALL", at(2, 10, 0), at(2, 13, 45)));
  }

  @Test
  void theCumulativeFilterKeepsOnlyCompanionsWhoStayedLongEnoughInTheCell() {
    TracingFixture f = city().dwell(CASE, "C1", at(2, 8, 0), at(2, 9, 0))
        .dwell(2, "C1", at(2, 8, 0), at(2, 9, 0))
        .dwell(3, "C1", at(2, 8, 0), at(2, 9, 0))
        .dwell(3, "C1", at(1, 0, 0), at(1, 23, 0));
    TracingPolicy filtered = new TracingPolicy(4, 14, 1, 3, 10, true, 23);
    assertListing(f, filtered, oneCase(at(3, 0, 0)), at(3, 0, 0),
        contact(3, COMPANION, CASE, ContactTrack.CELL, "C1", at(2, 8, 0), at(2, 9, 0)));
  }

  @Test
  void rejectsAnUnknownCasePersonAndACaseGivenTwice() {
    TracingData data = city().builder.build();
    ContactTracingEngine engine = new ContactTracingEngine(DEFAULTS);
    assertThatThrownBy(() -> engine.trace(data, oneCase(at(3, 0, 0)).subList(0, 1).stream()
        .map(c -> new TracingCase(77, c.onset(), null)).toList(), at(3, 0, 0)))
        .hasMessage("unknown case person 77");
    assertThatThrownBy(() -> engine.trace(data, List.of(new TracingCase(2, at(3, 0, 0), null),
        new TracingCase(2, at(4, 0, 0), null)), at(4, 0, 0)))
        .hasMessage("person 2 is given as a case twice");
  }
}
