package org.cordon.server.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cordon.core.exchange.CsvReader;
import org.cordon.core.exchange.CsvRecord;
import org.cordon.core.exchange.RecordKind;
import org.cordon.server.intake.IntakeManagement;
import org.cordon.server.security.CordonWebTest;
import org.cordon.server.security.Residents;
import org.cordon.server.security.Role;
import org.cordon.server.security.WithCaller;
import org.cordon.server.support.Ingest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Confirming cases over REST on a tiny hand-made city ingested through intake. "Now" is the
 * FixedClock's 2026-11-23T02:00Z; persons 8100..8199 and venues CASEIT-* belong to this test.
 */
@CordonWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CaseApiIT {

  @Autowired
  MockMvc mvc;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  IntakeManagement intake;

  static final String STREET = "140105006001";
  static final String OTHER_STREET = "140105001001";
  static final long FAMILY = 981_000;

  @BeforeAll
  void aTinyCity() {
    // 8101 the case and 8102 share a household; 8103 meets the case in a restaurant (close venue);
    // 8104 meets it in a supermarket (key venue); 8105 meets 8103 in the restaurant two days later.
    // 8106..8108 are for the staleness test, 8120 lives in Datong (outside Taiyuan, 1401).
    StringBuilder persons = new StringBuilder("person_id,household_id,home_division,id_number,name,"
        + "phone,lat,lon\n");
    person(persons, 8101, FAMILY, STREET);
    person(persons, 8102, FAMILY, STREET);
    person(persons, 8103, 8103, STREET);
    person(persons, 8104, 8104, OTHER_STREET);
    person(persons, 8105, 8105, STREET);
    person(persons, 8106, 8106, STREET);
    person(persons, 8107, 8107, STREET);
    person(persons, 8108, 8108, STREET);
    person(persons, 8120, 8120, "140202001001");
    Ingest.csv(intake, RecordKind.PERSONS, persons.toString());
    Ingest.csv(intake, RecordKind.VENUES, """
        venue_id,name,kind,division,lat,lon,dwell_minutes,contact_class
        CASEIT-CLOSE,小店饭馆,restaurant,140105006,37.8,112.5,60,close
        CASEIT-KEY,小店超市,supermarket,140105006,37.8,112.5,30,key
        """);
    Ingest.csv(intake, RecordKind.SCANS, """
        person_id,venue_id,time,exit_time
        8101,CASEIT-CLOSE,2026-11-19T04:00:00Z,2026-11-19T05:00:00Z
        8103,CASEIT-CLOSE,2026-11-19T04:30:00Z,2026-11-19T05:30:00Z
        8101,CASEIT-KEY,2026-11-19T06:00:00Z,2026-11-19T06:30:00Z
        8104,CASEIT-KEY,2026-11-19T06:10:00Z,2026-11-19T06:40:00Z
        8103,CASEIT-CLOSE,2026-11-21T10:00:00Z,2026-11-21T11:00:00Z
        8105,CASEIT-CLOSE,2026-11-21T10:30:00Z,2026-11-21T11:30:00Z
        """);
  }

  private static void person(StringBuilder csv, long id, long household, String home) {
    csv.append(id).append(',').append(household).append(',').append(home).append(',')
        .append(Residents.idNumber(home.substring(0, 6), id)).append(",居民").append(id)
        .append(",1380000").append(String.format("%04d", id % 10000)).append(",37.8,112.5\n");
  }

  private ResultActions confirm(String body) throws Exception {
    return mvc.perform(post("/api/cases").contentType(MediaType.APPLICATION_JSON).content(body));
  }

  private long caseOf(long personId) {
    return jdbc.queryForObject("select case_id from case_report where person_id = ?", Long.class,
        personId);
  }

  private List<String> storedContacts(long caseId) {
    return jdbc.query("select person_id, category, source_person_id, via, place, first_exposure, "
            + "last_exposure from traced_contact where case_id = ? order by person_id",
        (rs, n) -> rs.getLong(1) + " " + rs.getString(2) + " " + rs.getLong(3) + " " + rs.getString(4)
            + " " + rs.getString(5) + " "
            + rs.getObject(6, java.time.OffsetDateTime.class).toInstant() + " "
            + rs.getObject(7, java.time.OffsetDateTime.class).toInstant(), caseId);
  }

  @Test
  @Order(1)
  @WithCaller(name = "inv-case", role = Role.INVESTIGATOR, jurisdiction = "1401")
  void confirmingACaseStoresExactlyItsContactsWithTheirEvidence() throws Exception {
    confirm("{\"personId\":8101,\"onsetTime\":\"2026-11-20T08:00:00+08:00\"}")
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", containsString("/api/cases/")))
        .andExpect(jsonPath("$.personId").value(8101))
        .andExpect(jsonPath("$.contacts.close").value(2))
        .andExpect(jsonPath("$.contacts.secondary").value(1))
        .andExpect(jsonPath("$.contacts.key").value(1))
        .andExpect(jsonPath("$.contacts.companion").value(0))
        .andExpect(jsonPath("$.tracedInMs").isNumber());
    long caseId = caseOf(8101);
    // contact window [onset 2026-11-20T00:00Z - 4 d, now 2026-11-23T02:00Z)
    assertThat(storedContacts(caseId)).containsExactly(
        "8102 close 8101 household 981000 2026-11-16T00:00:00Z 2026-11-23T02:00:00Z",
        "8103 close 8101 venue CASEIT-CLOSE 2026-11-19T04:30:00Z 2026-11-19T05:00:00Z",
        "8104 key 8101 venue CASEIT-KEY 2026-11-19T06:10:00Z 2026-11-19T06:30:00Z",
        "8105 secondary 8103 venue CASEIT-CLOSE 2026-11-21T10:30:00Z 2026-11-21T11:00:00Z");
    assertThat(jdbc.queryForObject("select confirmed_by from case_report where case_id = ?",
        String.class, caseId)).isEqualTo("inv-case");

    mvc.perform(get("/api/cases"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.caseId == " + caseId + ")].contacts.close").value(2));
    long audits = auditRows();
    mvc.perform(get("/api/cases/" + caseId + "/contacts"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(4))
        .andExpect(jsonPath("$[0].personId").value(8102))
        .andExpect(jsonPath("$[1].personId").value(8103))
        .andExpect(jsonPath("$[1].idNumber").value(Residents.idNumber("140105", 8103)))
        .andExpect(jsonPath("$[1].idNumberMasked").value(false))
        .andExpect(jsonPath("$[2].category").value("secondary"))
        .andExpect(jsonPath("$[2].sourcePersonId").value(8103))
        .andExpect(jsonPath("$[3].category").value("key"))
        .andExpect(jsonPath("$[3].place").value("CASEIT-KEY"));
    mvc.perform(get("/api/cases/" + caseId + "/contacts").param("category", "key"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(1))
        .andExpect(jsonPath("$[0].personId").value(8104));
    assertThat(auditRows()).isEqualTo(audits + 2);

    confirm("{\"personId\":8101,\"onsetTime\":\"2026-11-20T08:00:00+08:00\"}")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value("person 8101 already has case " + caseId));
  }

  private long auditRows() {
    return jdbc.queryForObject("select count(*) from audit_log where action = 'case.contacts.read' "
        + "and person_id = 8101", Long.class);
  }

  @Test
  @WithCaller(name = "worker-case", role = Role.COMMUNITY_WORKER, jurisdiction = "140105006")
  void aCommunityWorkerReadsOnlyTheContactsLivingInItsCommunityWithIdentityNumbersMasked()
      throws Exception {
    long caseId = caseOfConfirmedAsInvestigator(8101, "2026-11-20T08:00:00+08:00");
    mvc.perform(get("/api/cases/" + caseId + "/contacts"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(3))
        .andExpect(jsonPath("$[?(@.personId == 8104)]").isEmpty())
        .andExpect(jsonPath("$[0].idNumberMasked").value(true))
        .andExpect(jsonPath("$[0].idNumber").value(containsString("**********")))
        .andExpect(jsonPath("$[0].phone").value("13800008102"));
    mvc.perform(get("/api/cases/987654/contacts"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("no case 987654"));
    mvc.perform(get("/api/cases/" + caseId + "/contacts").param("category", "friend"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(
            "unknown category 'friend'; expected close, secondary, key or companion"));
  }

  /**
   * The case of {@code personId}, confirmed through the service if no test has confirmed it yet, so a
   * test running as a role that may not confirm still has a case to read.
   */
  @Autowired
  CaseConfirmation confirmation;

  private long caseOfConfirmedAsInvestigator(long personId, String onset) {
    Long existing = jdbc.query("select case_id from case_report where person_id = ?",
        (rs, n) -> rs.getLong(1), personId).stream().findFirst().orElse(null);
    if (existing != null) {
      return existing;
    }
    org.cordon.server.security.Caller investigator = new org.cordon.server.security.Caller(
        "inv-service", "inv", Role.INVESTIGATOR, org.cordon.core.place.DivisionCode.of("1401"), null);
    return confirmation.confirm(investigator, new CaseRequest(personId, onset, null)).caseId();
  }

  private MvcResult download(long caseId, String ext, String category) throws Exception {
    var request = get("/api/cases/" + caseId + "/contacts." + ext);
    if (category != null) {
      request.param("category", category);
    }
    return mvc.perform(request)
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Disposition",
            "attachment; filename=\"case-" + caseId + "-contacts." + ext + "\""))
        .andReturn();
  }

  /** The CSV download parsed back: the header, then the rows; asserts the byte order mark first. */
  private static List<List<String>> csv(MvcResult result) {
    byte[] body = result.getResponse().getContentAsByteArray();
    assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
    assertThat(result.getResponse().getContentType()).startsWith("text/csv");
    CsvReader reader = new CsvReader(new StringReader(
        new String(body, 3, body.length - 3, StandardCharsets.UTF_8)));
    List<List<String>> rows = new ArrayList<>();
    for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
      assertThat(r.error()).as("line %d", r.line()).isNull();
      rows.add(List.of(r.fields()));
    }
    return rows;
  }

  private static final List<String> EXPORT_HEADER = List.of("person_id", "name", "home_division",
      "id_number", "phone", "category", "source_person_id", "via", "place", "first_exposure",
      "last_exposure");

  @Test
  @WithCaller(name = "command-export", role = Role.COMMAND_CENTRE, jurisdiction = "1401")
  void theCommandCentreDownloadsTheContactsAsCsvWithIdentityNumbersAndPhonesMasked() throws Exception {
    long caseId = caseOfConfirmedAsInvestigator(8101, "2026-11-20T08:00:00+08:00");
    long audits = auditRows();
    List<List<String>> rows = csv(download(caseId, "csv", null));
    assertThat(rows.get(0)).isEqualTo(EXPORT_HEADER);
    assertThat(rows).hasSize(5);
    assertThat(rows.subList(1, 5)).extracting(r -> r.get(0) + " " + r.get(5))
        .containsExactly("8102 close", "8103 close", "8105 secondary", "8104 key");
    String id8102 = Residents.idNumber("140105", 8102);
    assertThat(rows.get(1)).containsExactly("8102", "居民8102", STREET,
        id8102.substring(0, 4) + "**********" + id8102.substring(14), "138****8102", "close", "8101",
        "household", "981000", "2026-11-16T08:00:00+08:00", "2026-11-23T10:00:00+08:00");
    assertThat(auditRows()).isEqualTo(audits + 1);
    assertThat(jdbc.queryForObject("select endpoint from audit_log where action = "
        + "'case.contacts.read' and username = 'command-export' order by audit_id desc limit 1",
        String.class)).isEqualTo("GET /api/cases/" + caseId + "/contacts.csv");
  }

  @Test
  @WithCaller(name = "inv-export", role = Role.INVESTIGATOR, jurisdiction = "1401")
  void anInvestigatorDownloadsFullIdentityNumbersAndTheCategoryFilterApplies() throws Exception {
    long caseId = caseOfConfirmedAsInvestigator(8101, "2026-11-20T08:00:00+08:00");
    List<List<String>> rows = csv(download(caseId, "csv", "close"));
    assertThat(rows).hasSize(3);
    assertThat(rows.get(2)).containsExactly("8103", "居民8103", STREET,
        Residents.idNumber("140105", 8103), "13800008103", "close", "8101", "venue", "CASEIT-CLOSE",
        "2026-11-19T12:30:00+08:00", "2026-11-19T13:00:00+08:00");
  }

  @Test
  @WithCaller(name = "inv-xlsx", role = Role.INVESTIGATOR, jurisdiction = "1401")
  void theXlsxDownloadOpensWithABoldFrozenHeaderAndOneRowPerContact() throws Exception {
    long caseId = caseOfConfirmedAsInvestigator(8101, "2026-11-20T08:00:00+08:00");
    long audits = auditRows();
    MvcResult result = download(caseId, "xlsx", null);
    assertThat(result.getResponse().getContentType())
        .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    try (XSSFWorkbook book = new XSSFWorkbook(
        new ByteArrayInputStream(result.getResponse().getContentAsByteArray()))) {
      assertThat(book.getNumberOfSheets()).isEqualTo(1);
      XSSFSheet sheet = book.getSheetAt(0);
      assertThat(sheet.getLastRowNum()).isEqualTo(4);
      List<String> header = new ArrayList<>();
      sheet.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
      assertThat(header).isEqualTo(EXPORT_HEADER);
      assertThat(book.getFontAt(sheet.getRow(0).getCell(0).getCellStyle().getFontIndex()).getBold())
          .isTrue();
      assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
      assertThat(sheet.getPaneInformation().getHorizontalSplitTopRow()).isEqualTo((short) 1);
      assertThat(sheet.getRow(4).getCell(0).getNumericCellValue()).isEqualTo(8104.0);
      assertThat(sheet.getRow(4).getCell(1).getStringCellValue()).isEqualTo("居民8104");
      assertThat(sheet.getRow(4).getCell(3).getStringCellValue())
          .isEqualTo(Residents.idNumber("140105", 8104));
      assertThat(sheet.getRow(4).getCell(9).getStringCellValue())
          .isEqualTo("2026-11-19T14:10:00+08:00");
    }
    assertThat(auditRows()).isEqualTo(audits + 1);
  }

  @Test
  @WithCaller(name = "worker-export", role = Role.COMMUNITY_WORKER, jurisdiction = "140105006")
  void aCommunityWorkersDownloadHoldsOnlyItsCommunityAndUnknownCasesAnswer404() throws Exception {
    long caseId = caseOfConfirmedAsInvestigator(8101, "2026-11-20T08:00:00+08:00");
    List<List<String>> rows = csv(download(caseId, "csv", null));
    assertThat(rows.subList(1, rows.size())).extracting(r -> r.get(0))
        .containsExactly("8102", "8103", "8105");
    assertThat(rows.get(1).get(3)).contains("**********");
    assertThat(rows.get(1).get(4)).isEqualTo("13800008102");
    for (String ext : List.of("csv", "xlsx")) {
      mvc.perform(get("/api/cases/987654/contacts." + ext))
          .andExpect(status().isNotFound())
          .andExpect(header().doesNotExist("Content-Disposition"))
          .andExpect(jsonPath("$.detail").value("no case 987654"));
      mvc.perform(get("/api/cases/" + caseId + "/contacts." + ext).param("category", "friend"))
          .andExpect(status().isBadRequest());
    }
    assertThat(jdbc.queryForObject("select count(*) from audit_log where username = 'worker-export' "
        + "and outcome = 'not_found' and endpoint like '%/contacts.xlsx'", Long.class)).isEqualTo(1);
  }

  @Test
  @WithCaller(name = "worker-elsewhere", role = Role.COMMUNITY_WORKER, jurisdiction = "140202001")
  void aDownloadOutsideTheJurisdictionHoldsOnlyTheHeader() throws Exception {
    long caseId = caseOfConfirmedAsInvestigator(8101, "2026-11-20T08:00:00+08:00");
    assertThat(csv(download(caseId, "csv", null))).containsExactly(EXPORT_HEADER);
  }

  @Test
  @WithCaller(role = Role.INVESTIGATOR, jurisdiction = "1401")
  void refusesAnUnknownPersonWithItsId() throws Exception {
    confirm("{\"personId\":8999,\"onsetTime\":\"2026-11-20T08:00:00+08:00\"}")
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("no person 8999 in your jurisdiction 1401"));
  }

  @Test
  @WithCaller(role = Role.INVESTIGATOR, jurisdiction = "1401")
  void refusesAPersonOutsideTheJurisdictionWithoutSayingTheyExist() throws Exception {
    confirm("{\"personId\":8120,\"onsetTime\":\"2026-11-20T08:00:00+08:00\"}")
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("no person 8120 in your jurisdiction 1401"));
    assertThat(jdbc.queryForObject("select count(*) from case_report where person_id = 8120",
        Long.class)).isZero();
  }

  @Test
  @WithCaller(role = Role.INVESTIGATOR, jurisdiction = "1401")
  void refusesAnOnsetInTheFuture() throws Exception {
    confirm("{\"personId\":8108,\"onsetTime\":\"2026-11-24T08:00:00+08:00\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("onsetTime 2026-11-24T08:00:00+08:00 is in the future "
            + "(now is 2026-11-23T02:00:00Z)"));
  }

  @Test
  @WithCaller(role = Role.INVESTIGATOR, jurisdiction = "1401")
  void refusesAnIsolationBeforeTheOnset() throws Exception {
    confirm("{\"personId\":8108,\"onsetTime\":\"2026-11-20T08:00:00+08:00\","
        + "\"isolatedTime\":\"2026-11-19T08:00:00+08:00\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("isolatedTime 2026-11-19T08:00:00+08:00 is before "
            + "onsetTime 2026-11-20T08:00:00+08:00"));
  }

  @Test
  @WithCaller(role = Role.INVESTIGATOR, jurisdiction = "1401")
  void refusesATimeWithoutOffsetAndAMissingPerson() throws Exception {
    confirm("{\"personId\":8108,\"onsetTime\":\"2026-11-20 08:00\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("onsetTime '2026-11-20 08:00' is not an ISO-8601 time "
            + "with offset, e.g. 2026-11-20T08:00:00+08:00"));
    confirm("{\"onsetTime\":\"2026-11-20T08:00:00+08:00\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("personId is required"));
  }

  @Test
  @WithCaller(role = Role.INVESTIGATOR, jurisdiction = "1401")
  void findsALinkIngestedAfterTheSnapshotWasBuilt() throws Exception {
    // a first confirmation builds the snapshot (8107 has no contacts yet)
    confirm("{\"personId\":8107,\"onsetTime\":\"2026-11-22T08:00:00+08:00\"}")
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.contacts.close").value(0));
    // then 8106 and 8108 meet in the restaurant
    assertThat(intake.ingestEvent(RecordKind.SCANS, Map.of("person_id", "8106", "venue_id",
        "CASEIT-CLOSE", "time", "2026-11-22T08:00:00Z", "exit_time", "2026-11-22T09:00:00Z"))
        .duplicate()).isFalse();
    assertThat(intake.ingestEvent(RecordKind.SCANS, Map.of("person_id", "8108", "venue_id",
        "CASEIT-CLOSE", "time", "2026-11-22T08:20:00Z", "exit_time", "2026-11-22T09:20:00Z"))
        .duplicate()).isFalse();
    confirm("{\"personId\":8106,\"onsetTime\":\"2026-11-22T08:00:00+08:00\","
        + "\"isolatedTime\":\"2026-11-22T20:00:00+08:00\"}")
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.contacts.close").value(1));
    assertThat(storedContacts(caseOf(8106))).containsExactly(
        "8108 close 8106 venue CASEIT-CLOSE 2026-11-22T08:20:00Z 2026-11-22T09:00:00Z");
  }
}
