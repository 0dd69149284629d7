package org.cordon.server.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.cordon.core.exchange.RecordKind;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.GeoPoint;
import org.cordon.core.place.GridCell;
import org.cordon.server.intake.IntakeManagement;
import org.cordon.server.security.Caller;
import org.cordon.server.security.CordonWebTest;
import org.cordon.server.security.Residents;
import org.cordon.server.security.Role;
import org.cordon.server.security.WithCaller;
import org.cordon.server.support.Ingest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The case page's API on a tiny hand-made city: one case (8201) reaching every category through every
 * track. "Now" is the FixedClock's 2026-11-23T02:00Z, the onset 2026-11-20T00:00Z, so the contact
 * window is [11-16T00:00Z, now) and the companion window [11-06T00:00Z, now). Persons 8200..8299 and
 * venues CASEPAGE-* belong to this test.
 */
@CordonWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CasePageApiIT {

  @Autowired
  MockMvc mvc;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  IntakeManagement intake;
  @Autowired
  CaseConfirmation confirmation;

  static final String STREET = "140105006001";
  static final String OTHER_STREET = "140105001001";
  static final String DATONG = "140202001001";
  static final String CELL = "G5104_7064";
  long caseId;
  long laterCaseId;

  @BeforeAll
  void aCityAndACase() {
    // 8201 the case, 8202 its household; 8203 meets it in a restaurant (close venue), 8204 and 8230
    // (lives in Datong) in a supermarket (key venue); 8205 meets 8203 in the restaurant two days later
    // (secondary); on bus trip T1 8206 sits 2 rows from the case (close), 8207 13 rows (key); 8208
    // dwells 30 min in the case's grid cell (companion); 8209 meets nobody.
    StringBuilder persons = new StringBuilder("person_id,household_id,home_division,id_number,name,"
        + "phone,lat,lon\n");
    person(persons, 8201, 982_000, STREET);
    person(persons, 8202, 982_000, STREET);
    for (long id : new long[] {8203, 8204, 8205, 8206, 8208, 8209}) {
      person(persons, id, id, STREET);
    }
    person(persons, 8207, 8207, OTHER_STREET);
    person(persons, 8230, 8230, DATONG);
    // 8251 is a case, and then a close contact of the case 8250 (a teahouse), whose secondary contact
    // 8252 it meets there two days later
    for (long id : new long[] {8250, 8251, 8252}) {
      person(persons, id, id, STREET);
    }
    Ingest.csv(intake, RecordKind.PERSONS, persons.toString());
    Ingest.csv(intake, RecordKind.VENUES, """
        venue_id,name,kind,division,lat,lon,dwell_minutes,contact_class
        CASEPAGE-CLOSE,坞城饭店,restaurant,140105006,37.81,112.56,60,close
        CASEPAGE-KEY,坞城超市,supermarket,140105006,37.82,112.57,30,key
        CASEPAGE-OLD,旧馆,restaurant,140105006,37.83,112.58,60,close
        CASEPAGE-CLOSE2,坞城茶馆,restaurant,140105006,37.84,112.59,60,close
        """);
    Ingest.csv(intake, RecordKind.SCANS, """
        person_id,venue_id,time,exit_time
        8201,CASEPAGE-OLD,2026-11-01T04:00:00Z,2026-11-01T05:00:00Z
        8201,CASEPAGE-OLD,2026-11-05T23:00:00Z,2026-11-06T01:00:00Z
        8250,CASEPAGE-CLOSE2,2026-11-18T04:00:00Z,2026-11-18T05:00:00Z
        8251,CASEPAGE-CLOSE2,2026-11-18T04:30:00Z,2026-11-18T05:30:00Z
        8251,CASEPAGE-CLOSE2,2026-11-20T10:00:00Z,2026-11-20T11:00:00Z
        8252,CASEPAGE-CLOSE2,2026-11-20T10:30:00Z,2026-11-20T11:30:00Z
        8201,CASEPAGE-CLOSE,2026-11-19T04:00:00Z,2026-11-19T05:00:00Z
        8203,CASEPAGE-CLOSE,2026-11-19T04:30:00Z,2026-11-19T05:30:00Z
        8201,CASEPAGE-KEY,2026-11-19T06:00:00Z,
        8204,CASEPAGE-KEY,2026-11-19T06:10:00Z,2026-11-19T06:40:00Z
        8230,CASEPAGE-KEY,2026-11-19T06:15:00Z,2026-11-19T06:45:00Z
        8203,CASEPAGE-CLOSE,2026-11-21T10:00:00Z,2026-11-21T11:00:00Z
        8205,CASEPAGE-CLOSE,2026-11-21T10:30:00Z,2026-11-21T11:30:00Z
        """);
    Ingest.csv(intake, RecordKind.TRIPS, """
        person_id,trip_id,seat_row,board_time,alight_time
        8201,CASEPAGE-T1,7,2026-11-18T01:00:00Z,2026-11-18T02:00:00Z
        8206,CASEPAGE-T1,5,2026-11-18T01:10:00Z,2026-11-18T02:00:00Z
        8207,CASEPAGE-T1,20,2026-11-18T01:00:00Z,2026-11-18T01:30:00Z
        """);
    Ingest.csv(intake, RecordKind.DWELLS, """
        person_id,cell_id,start_time,end_time
        8201,%1$s,2026-11-17T10:00:00Z,2026-11-17T12:00:00Z
        8208,%1$s,2026-11-17T11:30:00Z,2026-11-17T13:00:00Z
        """.formatted(CELL));
    Caller investigator = new Caller("inv-casepage", "inv", Role.INVESTIGATOR, DivisionCode.of("1401"),
        null);
    caseId = confirmation.confirm(investigator,
        new CaseRequest(8201L, "2026-11-20T08:00:00+08:00", null)).caseId();
    confirmation.confirm(investigator, new CaseRequest(8251L, "2026-11-21T08:00:00+08:00",
        "2026-11-22T08:00:00+08:00"));
    laterCaseId = confirmation.confirm(investigator,
        new CaseRequest(8250L, "2026-11-20T08:00:00+08:00", null)).caseId();
  }

  private static void person(StringBuilder csv, long id, long household, String home) {
    csv.append(id).append(',').append(household).append(',').append(home).append(',')
        .append(Residents.idNumber(home.substring(0, 6), id)).append(",居民").append(id)
        .append(",1380000").append(String.format("%04d", id % 10000)).append(",37.8,112.5\n");
  }

  private long audits(String user, String action, String outcome) {
    return jdbc.queryForObject("select count(*) from audit_log where username = ? and action = ? "
        + "and outcome = ?", Long.class, user, action, outcome);
  }

  @Test
  @WithCaller(name = "inv-page", role = Role.INVESTIGATOR, jurisdiction = "1401")
  void theDetailNamesThePersonInFullForAnInvestigatorWithWindowsAndCounts() throws Exception {
    mvc.perform(get("/api/cases/" + caseId))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.caseId").value(caseId))
        .andExpect(jsonPath("$.personId").value(8201))
        .andExpect(jsonPath("$.name").value("居民8201"))
        .andExpect(jsonPath("$.homeDivision").value(STREET))
        .andExpect(jsonPath("$.idNumber").value(Residents.idNumber("140105", 8201)))
        .andExpect(jsonPath("$.idNumberMasked").value(false))
        .andExpect(jsonPath("$.phone").value("13800008201"))
        .andExpect(jsonPath("$.confirmedBy").value("inv-casepage"))
        .andExpect(jsonPath("$.contactWindow.from").value("2026-11-16T00:00:00Z"))
        .andExpect(jsonPath("$.contactWindow.to").value("2026-11-23T02:00:00Z"))
        .andExpect(jsonPath("$.companionWindow.from").value("2026-11-06T00:00:00Z"))
        .andExpect(jsonPath("$.contacts.close").value(3))
        .andExpect(jsonPath("$.contacts.secondary").value(1))
        .andExpect(jsonPath("$.contacts.key").value(3))
        .andExpect(jsonPath("$.contacts.companion").value(1));
    assertThat(audits("inv-page", "case.read", "found")).isEqualTo(1);
  }

  @Test
  @WithCaller(name = "command-page", role = Role.COMMAND_CENTRE, jurisdiction = "1401")
  void theCommandCentreSeesTheCaseMasked() throws Exception {
    mvc.perform(get("/api/cases/" + caseId))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.idNumberMasked").value(true))
        .andExpect(jsonPath("$.idNumber").value(containsString("**********")))
        .andExpect(jsonPath("$.phone").value("138****8201"))
        .andExpect(jsonPath("$.phoneMasked").value(true));
  }

  @Test
  @WithCaller(name = "inv-itinerary", role = Role.INVESTIGATOR, jurisdiction = "1401")
  void theItineraryListsTheStaysOfTheCompanionWindowInTimeOrderWithTheirPlaces() throws Exception {
    GeoPoint centre = GridCell.parse(CELL).centre();
    mvc.perform(get("/api/cases/" + caseId + "/itinerary"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.window.from").value("2026-11-06T00:00:00Z"))
        .andExpect(jsonPath("$.window.to").value("2026-11-23T02:00:00Z"))
        .andExpect(jsonPath("$.truncated").value(false))
        .andExpect(jsonPath("$.stays.length()").value(5))
        // began before the window, ended inside it; the visit of 11-01 is outside
        .andExpect(jsonPath("$.stays[0].place").value("CASEPAGE-OLD"))
        .andExpect(jsonPath("$.stays[0].start").value("2026-11-05T23:00:00Z"))
        .andExpect(jsonPath("$.stays[1].track").value("cell"))
        .andExpect(jsonPath("$.stays[1].place").value(CELL))
        .andExpect(jsonPath("$.stays[1].lat").value(closeTo(centre.lat(), 1e-9)))
        .andExpect(jsonPath("$.stays[1].lon").value(closeTo(centre.lon(), 1e-9)))
        .andExpect(jsonPath("$.stays[2].track").value("trip"))
        .andExpect(jsonPath("$.stays[2].place").value("CASEPAGE-T1"))
        .andExpect(jsonPath("$.stays[2].seatRow").value(7))
        .andExpect(jsonPath("$.stays[2].end").value("2026-11-18T02:00:00Z"))
        .andExpect(jsonPath("$.stays[3].placeName").value("坞城饭店"))
        .andExpect(jsonPath("$.stays[3].venueKind").value("restaurant"))
        .andExpect(jsonPath("$.stays[3].contactClass").value("close"))
        .andExpect(jsonPath("$.stays[3].lat").value(37.81))
        .andExpect(jsonPath("$.stays[3].endEstimated").value(false))
        // no exit: the venue's 30 dwell minutes
        .andExpect(jsonPath("$.stays[4].place").value("CASEPAGE-KEY"))
        .andExpect(jsonPath("$.stays[4].contactClass").value("key"))
        .andExpect(jsonPath("$.stays[4].end").value("2026-11-19T06:30:00Z"))
        .andExpect(jsonPath("$.stays[4].endEstimated").value(true));
    assertThat(audits("inv-itinerary", "case.read", "found")).isEqualTo(1);
  }

  @Test
  @WithCaller(name = "inv-graph", role = Role.INVESTIGATOR, jurisdiction = "1401")
  void theGraphLinksTheCaseToItsContactsAndTheSecondaryToItsCloseContact() throws Exception {
    mvc.perform(get("/api/cases/" + caseId + "/graph"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.nodes.length()").value(9))
        .andExpect(jsonPath("$.edges.length()").value(8))
        .andExpect(jsonPath("$.nodes[0].personId").value(8201))
        .andExpect(jsonPath("$.nodes[0].category").value("case"))
        .andExpect(jsonPath("$.nodes[?(@.personId == 8205)].category").value("secondary"))
        .andExpect(jsonPath("$.edges[?(@.target == 8205)].source").value(8203))
        .andExpect(jsonPath("$.edges[?(@.target == 8205)].placeName").value("坞城饭店"))
        .andExpect(jsonPath("$.edges[?(@.target == 8206)].via").value("trip"))
        .andExpect(jsonPath("$.edges[?(@.target == 8208)].category").value("companion"))
        .andExpect(jsonPath("$.edges[?(@.target == 8202)].via").value("household"))
        // lives in Datong: in the graph, but without a name
        .andExpect(jsonPath("$.nodes[?(@.personId == 8230)].withheld").value(true))
        .andExpect(jsonPath("$.nodes[?(@.personId == 8230)].name").isEmpty())
        .andExpect(jsonPath("$.nodes[?(@.personId == 8204)].name").value("居民8204"))
        .andExpect(jsonPath("$.total.key").value(3))
        .andExpect(jsonPath("$.shown.key").value(3));
    assertThat(audits("inv-graph", "case.contacts.read", "found")).isEqualTo(1);
  }

  @Test
  @WithCaller(role = Role.INVESTIGATOR, jurisdiction = "1401")
  void aLimitCapsKeyPersonsAndCompanionsButNotCloseOrSecondaryContacts() throws Exception {
    mvc.perform(get("/api/cases/" + caseId + "/graph").param("limit", "1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.limit").value(1))
        .andExpect(jsonPath("$.total.key").value(3))
        .andExpect(jsonPath("$.shown.key").value(1))
        .andExpect(jsonPath("$.shown.close").value(3))
        .andExpect(jsonPath("$.shown.secondary").value(1))
        // earliest first exposure first: 8207 boarded at 01:00 on 11-18
        .andExpect(jsonPath("$.edges[?(@.category == 'key')].target").value(8207))
        .andExpect(jsonPath("$.nodes.length()").value(7));
    mvc.perform(get("/api/cases/" + caseId + "/graph").param("limit", "5000"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("limit must be 0..1000, got 5000"));
  }

  @Test
  @WithCaller(name = "inv-evidence", role = Role.INVESTIGATOR, jurisdiction = "1401")
  void theEvidenceOfAVenueLinkShowsBothStaysAndTheirOverlap() throws Exception {
    mvc.perform(get("/api/cases/" + caseId + "/contacts/8204/evidence"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.category").value("key"))
        .andExpect(jsonPath("$.sourcePersonId").value(8201))
        .andExpect(jsonPath("$.sourceName").value("居民8201"))
        .andExpect(jsonPath("$.placeName").value("坞城超市"))
        .andExpect(jsonPath("$.window.from").value("2026-11-16T00:00:00Z"))
        .andExpect(jsonPath("$.minimumOverlapMinutes").value(1))
        .andExpect(jsonPath("$.source.length()").value(1))
        .andExpect(jsonPath("$.source[0].end").value("2026-11-19T06:30:00Z"))
        .andExpect(jsonPath("$.contact.length()").value(1))
        .andExpect(jsonPath("$.overlaps.length()").value(1))
        .andExpect(jsonPath("$.overlaps[0].from").value("2026-11-19T06:10:00Z"))
        .andExpect(jsonPath("$.overlaps[0].to").value("2026-11-19T06:30:00Z"))
        .andExpect(jsonPath("$.overlaps[0].seconds").value(1200))
        .andExpect(jsonPath("$.overlaps[0].meets").value(true));
    assertThat(audits("inv-evidence", "case.evidence.read", "found")).isEqualTo(1);
    assertThat(jdbc.queryForObject("select person_id from audit_log where username = 'inv-evidence'",
        Long.class)).isEqualTo(8204);
  }

  @Test
  @WithCaller(role = Role.INVESTIGATOR, jurisdiction = "1401")
  void theEvidenceOfASecondaryContactIsInTheCloseContactsWindow() throws Exception {
    // 8203's window opens at its first exposure (11-19T04:30): both of its restaurant visits are in it,
    // but only the second meets 8205
    mvc.perform(get("/api/cases/" + caseId + "/contacts/8205/evidence"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.category").value("secondary"))
        .andExpect(jsonPath("$.sourcePersonId").value(8203))
        .andExpect(jsonPath("$.sourceName").value("居民8203"))
        .andExpect(jsonPath("$.window.from").value("2026-11-19T04:30:00Z"))
        .andExpect(jsonPath("$.window.to").value("2026-11-23T02:00:00Z"))
        .andExpect(jsonPath("$.source.length()").value(2))
        .andExpect(jsonPath("$.contact.length()").value(1))
        .andExpect(jsonPath("$.overlaps.length()").value(1))
        .andExpect(jsonPath("$.overlaps[0].source").value(1))
        .andExpect(jsonPath("$.overlaps[0].from").value("2026-11-21T10:30:00Z"))
        .andExpect(jsonPath("$.overlaps[0].seconds").value(1800));
  }

  @Test
  @WithCaller(role = Role.INVESTIGATOR, jurisdiction = "1401")
  void theEvidenceOfTripCellAndHouseholdLinks() throws Exception {
    mvc.perform(get("/api/cases/" + caseId + "/contacts/8206/evidence"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.category").value("close"))
        .andExpect(jsonPath("$.maxSeatRowDistance").value(3))
        .andExpect(jsonPath("$.source[0].seatRow").value(7))
        .andExpect(jsonPath("$.contact[0].seatRow").value(5))
        .andExpect(jsonPath("$.overlaps[0].seatRowsApart").value(2))
        .andExpect(jsonPath("$.overlaps[0].seconds").value(3000))
        .andExpect(jsonPath("$.overlaps[0].meets").value(true));
    mvc.perform(get("/api/cases/" + caseId + "/contacts/8208/evidence"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.category").value("companion"))
        .andExpect(jsonPath("$.window.from").value("2026-11-06T00:00:00Z"))
        .andExpect(jsonPath("$.minimumOverlapMinutes").value(10))
        .andExpect(jsonPath("$.source[0].place").value(CELL))
        .andExpect(jsonPath("$.overlaps[0].from").value("2026-11-17T11:30:00Z"))
        .andExpect(jsonPath("$.overlaps[0].to").value("2026-11-17T12:00:00Z"))
        .andExpect(jsonPath("$.overlaps[0].meets").value(true));
    mvc.perform(get("/api/cases/" + caseId + "/contacts/8202/evidence"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.via").value("household"))
        .andExpect(jsonPath("$.place").value("982000"))
        .andExpect(jsonPath("$.source.length()").value(0))
        .andExpect(jsonPath("$.overlaps[0].source").value(-1))
        .andExpect(jsonPath("$.overlaps[0].from").value("2026-11-16T00:00:00Z"))
        .andExpect(jsonPath("$.overlaps[0].to").value("2026-11-23T02:00:00Z"));
  }

  @Test
  @WithCaller(role = Role.INVESTIGATOR, jurisdiction = "1401")
  void aCloseContactWhoIsACaseIsInTheGraphAsACaseAndItsSecondaryContactsEvidenceOpensWithTheWindow()
      throws Exception {
    mvc.perform(get("/api/cases/" + laterCaseId + "/graph"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total.close").value(0))
        .andExpect(jsonPath("$.total.secondary").value(1))
        .andExpect(jsonPath("$.nodes.length()").value(3))
        .andExpect(jsonPath("$.nodes[?(@.personId == 8251)].category").value("case"))
        .andExpect(jsonPath("$.nodes[?(@.personId == 8251)].name").value("居民8251"))
        .andExpect(jsonPath("$.edges[?(@.target == 8252)].source").value(8251));
    // 8251's first exposure is not stored (cases are not listed): the case's contact window opens it
    mvc.perform(get("/api/cases/" + laterCaseId + "/contacts/8252/evidence"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.sourcePersonId").value(8251))
        .andExpect(jsonPath("$.window.from").value("2026-11-16T00:00:00Z"))
        .andExpect(jsonPath("$.window.to").value("2026-11-23T02:00:00Z"))
        .andExpect(jsonPath("$.source.length()").value(2))
        .andExpect(jsonPath("$.overlaps.length()").value(1))
        .andExpect(jsonPath("$.overlaps[0].from").value("2026-11-20T10:30:00Z"))
        .andExpect(jsonPath("$.overlaps[0].meets").value(true));
  }

  @Test
  @WithCaller(name = "inv-missing", role = Role.INVESTIGATOR, jurisdiction = "1401")
  void unknownCasesAndPersonsWhoAreNotVisibleContactsAnswer404AndAreAudited() throws Exception {
    for (String path : new String[] {"", "/itinerary", "/graph"}) {
      mvc.perform(get("/api/cases/987654" + path))
          .andExpect(status().isNotFound())
          .andExpect(jsonPath("$.detail").value("no case 987654"));
    }
    mvc.perform(get("/api/cases/987654/contacts/8204/evidence"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("no case 987654"));
    // 8209 met nobody; 8230 is a key person but lives in Datong
    for (long person : new long[] {8209, 8230, 8201}) {
      mvc.perform(get("/api/cases/" + caseId + "/contacts/" + person + "/evidence"))
          .andExpect(status().isNotFound())
          .andExpect(jsonPath("$.detail").value("person " + person + " is not a contact of case "
              + caseId + " in your jurisdiction 1401"));
    }
    assertThat(audits("inv-missing", "case.read", "not_found")).isEqualTo(2);
    assertThat(audits("inv-missing", "case.contacts.read", "not_found")).isEqualTo(1);
    assertThat(audits("inv-missing", "case.evidence.read", "not_found")).isEqualTo(4);
  }

  @Test
  @WithCaller(name = "inv-datong", role = Role.INVESTIGATOR, jurisdiction = "1402")
  void aCaseOutsideTheJurisdictionAnswers404LikeAnUnknownOne() throws Exception {
    for (String path : new String[] {"", "/itinerary", "/graph", "/contacts/8204/evidence"}) {
      mvc.perform(get("/api/cases/" + caseId + path))
          .andExpect(status().isNotFound())
          .andExpect(jsonPath("$.detail").value("no case " + caseId));
    }
    assertThat(jdbc.queryForObject("select count(*) from audit_log where username = 'inv-datong' "
        + "and outcome = 'found'", Long.class)).isZero();
  }

  @Test
  @WithCaller(role = Role.INVESTIGATOR, jurisdiction = "1401")
  void badIdsAnswer400() throws Exception {
    mvc.perform(get("/api/cases/abc"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("parameter 'id' has an invalid value 'abc'"));
    mvc.perform(get("/api/cases/0/itinerary"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("case id must be positive, got 0"));
    mvc.perform(get("/api/cases/" + caseId + "/contacts/x1/evidence"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("parameter 'personId' has an invalid value 'x1'"));
  }

  @Test
  @WithCaller(role = Role.INVESTIGATOR, jurisdiction = "1401")
  void theContactsListFiltersByTrackHomeDivisionAndText() throws Exception {
    mvc.perform(get("/api/cases/" + caseId + "/contacts").param("via", "trip"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(2))
        .andExpect(jsonPath("$[0].personId").value(8206))
        .andExpect(jsonPath("$[1].personId").value(8207));
    mvc.perform(get("/api/cases/" + caseId + "/contacts").param("division", "140105001"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(1))
        .andExpect(jsonPath("$[0].personId").value(8207));
    mvc.perform(get("/api/cases/" + caseId + "/contacts").param("q", "居民8203"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(1))
        .andExpect(jsonPath("$[0].personId").value(8203));
    mvc.perform(get("/api/cases/" + caseId + "/contacts").param("q", "8205"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(1))
        .andExpect(jsonPath("$[0].category").value("secondary"));
    mvc.perform(get("/api/cases/" + caseId + "/contacts").param("q", Residents.idNumber("140105", 8208)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(1))
        .andExpect(jsonPath("$[0].personId").value(8208));
    mvc.perform(get("/api/cases/" + caseId + "/contacts").param("category", "key")
            .param("via", "venue"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(1))
        .andExpect(jsonPath("$[0].personId").value(8204));
    mvc.perform(get("/api/cases/" + caseId + "/contacts.csv").param("via", "cell"))
        .andExpect(status().isOk())
        .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
            .string(containsString("8208,居民8208")))
        .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
            .string(org.hamcrest.Matchers.not(containsString("8204,"))));
    mvc.perform(get("/api/cases/" + caseId + "/contacts").param("via", "bus"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("unknown via 'bus'; expected household, venue, trip or cell"));
    mvc.perform(get("/api/cases/" + caseId + "/contacts").param("division", "1402"))
        .andExpect(status().isForbidden());
  }

  @Test
  @WithCaller(role = Role.COMMAND_CENTRE, jurisdiction = "1401")
  void aWholeIdentityNumberFindsNothingForARoleThatCannotSeeThem() throws Exception {
    mvc.perform(get("/api/cases/" + caseId + "/contacts").param("q", Residents.idNumber("140105", 8208)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(0));
  }
}
