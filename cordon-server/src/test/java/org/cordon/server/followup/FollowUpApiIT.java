package org.cordon.server.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cordon.core.exchange.RecordKind;
import org.cordon.core.place.DivisionCode;
import org.cordon.server.intake.IntakeManagement;
import org.cordon.server.security.Caller;
import org.cordon.server.security.CordonWebTest;
import org.cordon.server.security.Residents;
import org.cordon.server.security.Role;
import org.cordon.server.security.WithCaller;
import org.cordon.server.tracing.CaseConfirmation;
import org.cordon.server.tracing.CaseRequest;
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
import org.springframework.test.web.servlet.ResultActions;

/**
 * Follow-up tasks and assist requests after a case is confirmed, on this instance (deployment
 * jurisdiction 1401, instance cordon-1401). Case 8401 meets 8402 (its worker's street), 8403 (another
 * Taiyuan street), 8404 (Datong) and 8405 (Beijing) in a restaurant. Persons 8400..8499 and venue
 * FUPIT-* belong to this test.
 */
@CordonWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FollowUpApiIT {
  static final String STREET = "140105006001";

  @Autowired
  MockMvc mvc;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  IntakeManagement intake;
  @Autowired
  CaseConfirmation confirmation;

  @BeforeAll
  void aCaseWithContactsNearAndFar() {
    StringBuilder persons = new StringBuilder("person_id,household_id,home_division,id_number,name,"
        + "phone,lat,lon\n");
    person(persons, 8401, STREET);
    person(persons, 8402, STREET);
    person(persons, 8403, "140105001001");
    person(persons, 8404, "140202001001");
    person(persons, 8405, "110101001001");
    person(persons, 8406, STREET);
    Ingest.csv(intake, RecordKind.PERSONS, persons.toString());
    Ingest.csv(intake, RecordKind.VENUES, """
        venue_id,name,kind,division,lat,lon,dwell_minutes,contact_class
        FUPIT-CLOSE,饭店,restaurant,140105006,37.8,112.5,60,close
        """);
    StringBuilder scans = new StringBuilder("person_id,venue_id,time,exit_time\n");
    for (long id = 8401; id <= 8405; id++) {
      scans.append(id).append(",FUPIT-CLOSE,2026-11-20T04:00:00Z,2026-11-20T05:00:00Z\n");
    }
    Ingest.csv(intake, RecordKind.SCANS, scans.toString());
    confirmation.confirm(new Caller("inv-fup", "inv", Role.INVESTIGATOR, DivisionCode.of("1401"),
        null), new CaseRequest(8401L, "2026-11-21T08:00:00+08:00", null));
  }

  static void person(StringBuilder csv, long id, String home) {
    csv.append(id).append(',').append(id).append(',').append(home).append(',')
        .append(Residents.idNumber(home.substring(0, 6), id)).append(",居民").append(id)
        .append(",1380000").append(String.format("%04d", id % 10000)).append(",,\n");
  }

  private long caseId() {
    return jdbc.queryForObject("select case_id from case_report where person_id = 8401", Long.class);
  }

  private long taskOf(long personId) {
    return jdbc.queryForObject("select task_id from follow_up_task where person_id = ?", Long.class,
        personId);
  }

  private long audits(String action) {
    return jdbc.queryForObject("select count(*) from audit_log where action = ?", Long.class, action);
  }

  @Test
  @Order(1)
  void theCaseStoredATaskPerLocalContactAndAnAssistRequestPerContactElsewhere() {
    long caseId = caseId();
    assertThat(jdbc.queryForList("select person_id || ' ' || division || ' ' || category || ' ' || "
        + "status from follow_up_task where case_id = ? order by person_id", String.class, caseId))
        .containsExactly("8402 140105006001 close open", "8403 140105001001 close open");
    assertThat(jdbc.queryForList("select person_id || ' ' || home_division || ' ' || source_instance "
        + "from assist_request where direction = 'outgoing' and case_id = ? order by person_id",
        String.class, caseId))
        .containsExactly("8404 140202001001 cordon-1401", "8405 110101001001 cordon-1401");
    assertThat(jdbc.queryForList("select distinct source_case from assist_request where case_id = ?",
        String.class, caseId)).singleElement().asString().matches("c-[0-9a-f-]{36}");
  }

  @Test
  @Order(2)
  @WithCaller(name = "worker-fup", role = Role.COMMUNITY_WORKER, jurisdiction = "140105006")
  void aCommunityWorkerListsItsCommunitysTasksWithPhonesButNotIdentityNumbers() throws Exception {
    // other classes sharing the context have tasks in this street too: look at this test's persons
    String mine = "$.items[?(@.personId == 8402)]";
    mvc.perform(get("/api/tasks").param("status", "open").param("size", "500"))
        .andExpect(status().isOk())
        .andExpect(jsonPath(mine + ".division").value(STREET))
        .andExpect(jsonPath(mine + ".caseId").value((int) caseId()))
        .andExpect(jsonPath(mine + ".phone").value("13800008402"))
        .andExpect(jsonPath(mine + ".idNumberMasked").value(true))
        .andExpect(jsonPath(mine + ".idNumber").value(org.hamcrest.Matchers.hasItem(containsString("**********"))))
        .andExpect(jsonPath("$.items[?(@.personId == 8403)]").isEmpty())
        .andExpect(jsonPath("$.items[?(@.division =~ /^(?!140105006).*/)]").isEmpty());
    mvc.perform(get("/api/tasks").param("category", "key").param("size", "500"))
        .andExpect(jsonPath(mine).isEmpty());
    mvc.perform(get("/api/tasks").param("division", "140105001"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail").value("division 140105001 is outside your jurisdiction 140105006"));
    mvc.perform(get("/api/tasks").param("status", "done"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(
            "unknown status 'done'; expected open, contacted, isolated or closed"));
  }

  private ResultActions move(long taskId, String status, String note) throws Exception {
    String body = "{\"status\":\"" + status + "\"" + (note == null ? "" : ",\"note\":\"" + note + "\"")
        + "}";
    return mvc.perform(post("/api/tasks/" + taskId + "/status").contentType(MediaType.APPLICATION_JSON)
        .content(body));
  }

  @Test
  @Order(3)
  @WithCaller(name = "worker-fup", role = Role.COMMUNITY_WORKER, jurisdiction = "140105006")
  void aTaskMovesOnlyForwardWithEveryMoveAudited() throws Exception {
    long task = taskOf(8402);
    long audited = audits("task.status");
    move(task, "contacted", "电话已联系").andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("contacted"))
        .andExpect(jsonPath("$.note").value("电话已联系"))
        .andExpect(jsonPath("$.updatedBy").value("worker-fup"));
    move(task, "open", null).andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value(
            "task " + task + " is contacted; it can move to isolated or closed only, not open"));
    move(task, "closed", null).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("closing a task needs a note saying why"));
    move(task, "isolated", "居家隔离").andExpect(status().isOk());
    move(task, "closed", "隔离期满").andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("closed"));
    move(task, "contacted", null).andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value("task " + task + " is closed and cannot change any more"));
    move(task, "gone", null).andExpect(status().isBadRequest());

    assertThat(jdbc.queryForList("select from_status || '>' || to_status from follow_up_step where "
        + "task_id = ? order by at, from_status", String.class, task))
        .containsExactlyInAnyOrder("open>contacted", "contacted>isolated", "isolated>closed");
    // every call that reached the task, refused or not, left a row
    assertThat(audits("task.status")).isEqualTo(audited + 6);

    long elsewhere = taskOf(8403);
    move(elsewhere, "contacted", null).andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("no task " + elsewhere + " in your jurisdiction 140105006"));
    assertThat(jdbc.queryForObject("select status from follow_up_task where task_id = ?", String.class,
        elsewhere)).isEqualTo("open");
  }

  @Test
  @Order(4)
  @WithCaller(name = "facility-fup", role = Role.FACILITY_MANAGER, jurisdiction = "1401")
  void facilityManagersHaveNoTasks() throws Exception {
    mvc.perform(get("/api/tasks")).andExpect(status().isForbidden());
    mvc.perform(get("/api/assist-requests")).andExpect(status().isForbidden());
  }

  @Test
  @Order(5)
  @WithCaller(name = "command-fup", role = Role.COMMAND_CENTRE, jurisdiction = "1401")
  void theCommandCentreListsOutgoingRequestsMaskedAndExportsThemInFullAudited() throws Exception {
    String datong = "$.items[?(@.personId == 8404)]";
    mvc.perform(get("/api/assist-requests").param("direction", "outgoing").param("size", "500"))
        .andExpect(status().isOk())
        .andExpect(jsonPath(datong + ".idNumberMasked").value(true))
        .andExpect(jsonPath(datong + ".phone").value("138****8404"))
        .andExpect(jsonPath(datong + ".homeDivision").value("140202001001"))
        .andExpect(jsonPath(datong + ".caseId").value((int) caseId()))
        .andExpect(jsonPath("$.items[?(@.personId == 8405)]").isNotEmpty());
    long audited = audits("assist.export");
    String file = mvc.perform(get("/api/assist-requests/export")
            .param("since", "2026-11-23T00:00:00+08:00"))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Disposition", containsString("assist-cordon-1401-")))
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    List<String> all = file.lines().toList();
    List<String> lines = all.stream().filter(l -> l.contains("FUPIT-CLOSE")).toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("{\"format\":\"cordon-assist/1\",\"instance\":\"cordon-1401\"")
        .contains("\"id_number\":\"" + Residents.idNumber("140202", 8404) + "\"")
        .contains("\"home_division\":\"140202001001\"", "\"category\":\"close\"", "\"via\":\"venue\"",
            "\"place\":\"FUPIT-CLOSE\"", "\"first_exposure\":\"2026-11-20T12:00:00+08:00\"");
    assertThat(audits("assist.export")).isEqualTo(audited + all.size());
    assertThat(mvc.perform(get("/api/assist-requests/export")
            .param("since", "2026-11-24T00:00:00+08:00"))
        .andReturn().getResponse().getContentAsString()).isEmpty();
  }

  private ResultActions importFile(String body) throws Exception {
    return mvc.perform(post("/api/assist-requests/import").contentType("application/x-ndjson")
        .content(body.getBytes(StandardCharsets.UTF_8)));
  }

  static String line(String instance, String sourceCase, String idNumber, String home, String category) {
    return "{\"format\":\"cordon-assist/1\",\"instance\":\"" + instance + "\",\"source_case\":\""
        + sourceCase + "\",\"id_number\":\"" + idNumber + "\",\"name\":\"外地居民\",\"phone\":\"13900001111\","
        + "\"home_division\":\"" + home + "\",\"category\":\"" + category + "\",\"via\":\"trip\","
        + "\"place\":\"K601\",\"first_exposure\":\"2026-11-19T08:00:00+08:00\","
        + "\"last_exposure\":\"2026-11-19T10:00:00+08:00\"}\n";
  }

  @Test
  @Order(6)
  @WithCaller(name = "inv-import", role = Role.INVESTIGATOR, jurisdiction = "1401")
  void aBadFileIsRefusedWithEveryBadLineAndNothingStored() throws Exception {
    String bad = line("cordon-1402", "c-1", Residents.idNumber("140105", 8406), STREET, "close")
        + line("cordon-1402", "c-1", "140105198001010001", STREET, "close")
        + line("cordon-1402", "c-1", Residents.idNumber("140105", 8490), STREET, "friend")
        + "{\"format\":\"cordon-assist/2\"}\n"
        + line("cordon-1401", "c-1", Residents.idNumber("140105", 8491), STREET, "close");
    importFile(bad).andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.stored").value(false))
        .andExpect(jsonPath("$.errors.length()").value(4))
        .andExpect(jsonPath("$.errors[0].line").value(2))
        .andExpect(jsonPath("$.errors[0].reason").value(containsString("not a valid GB 11643")))
        .andExpect(jsonPath("$.errors[1].line").value(3))
        .andExpect(jsonPath("$.errors[1].reason").value(
            "category 'friend' is not close, secondary, key or companion"))
        .andExpect(jsonPath("$.errors[2].line").value(4))
        .andExpect(jsonPath("$.errors[2].reason").value(containsString("is not cordon-assist/1")))
        .andExpect(jsonPath("$.errors[3].line").value(5))
        .andExpect(jsonPath("$.errors[3].reason").value(containsString("is this instance")));
    assertThat(jdbc.queryForObject("select count(*) from assist_request where direction = 'incoming'",
        Long.class)).isZero();
    importFile("not json\n").andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.errors[0].line").value(1));
  }

  @Test
  @Order(7)
  @WithCaller(name = "inv-import", role = Role.INVESTIGATOR, jurisdiction = "1401")
  void aFileFromAnotherInstanceBecomesTasksOnceMatchingPersonsByIdentityNumber() throws Exception {
    String file = line("cordon-1402", "c-77", Residents.idNumber("140105", 8406), STREET, "close")
        + line("cordon-1402", "c-77", Residents.idNumber("140105", 8490), "140105006002", "secondary")
        + line("cordon-1402", "c-77", Residents.idNumber("110101", 8491), "110101001001", "close");
    long audited = audits("assist.import");
    importFile(file).andExpect(status().isOk())
        .andExpect(jsonPath("$.stored").value(true))
        .andExpect(jsonPath("$.lines").value(3))
        .andExpect(jsonPath("$.accepted").value(2))
        .andExpect(jsonPath("$.skipped").value(1))
        .andExpect(jsonPath("$.personsCreated").value(1))
        .andExpect(jsonPath("$.duplicates").value(0));
    assertThat(audits("assist.import")).isEqualTo(audited + 2);
    assertThat(jdbc.queryForList("select t.person_id || ' ' || t.category || ' ' || t.status from "
        + "follow_up_task t join assist_request a on a.request_id = t.assist_request_id "
        + "order by t.task_id", String.class))
        .containsExactly("8406 close open",
            jdbc.queryForObject("select person_id from person where id_number = ?", Long.class,
                Residents.idNumber("140105", 8490)) + " secondary open");

    importFile(file).andExpect(status().isOk())
        .andExpect(jsonPath("$.accepted").value(0))
        .andExpect(jsonPath("$.duplicates").value(2))
        .andExpect(jsonPath("$.personsCreated").value(0));
    mvc.perform(get("/api/assist-requests").param("direction", "incoming"))
        .andExpect(jsonPath("$.total").value(2))
        .andExpect(jsonPath("$.items[0].sourceInstance").value("cordon-1402"))
        .andExpect(jsonPath("$.items[0].taskId").isNumber());
  }
}
