package org.cordon.server.healthcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.cordon.core.exchange.RecordKind;
import org.cordon.core.healthcode.CodeColour;
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
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Health codes over REST on a tiny city: a confirmed case turns its close contact red with the reason,
 * facts by hand, the restart replay, residents signing in and reading only their own code, the QR token
 * and the public key, and the stream. "Now" is the FixedClock's 2026-11-23T02:00Z; persons 8601..8620
 * and venues HCIT-* belong to this test.
 */
@CordonWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthCodeApiIT {

  static final String STREET = "140105006001";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired
  MockMvc mvc;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  IntakeManagement intake;
  @Autowired
  HealthCodeManagement codes;

  @BeforeAll
  void aTinyCity() {
    // 8601 will be the case; 8602 meets it in a restaurant (close contact); 8603 is nobody's contact;
    // 8620 lives in Datong, outside Taiyuan.
    StringBuilder persons = new StringBuilder("person_id,household_id,home_division,id_number,name,"
        + "phone,lat,lon\n");
    for (long id : new long[] {8601, 8602, 8603, 8604, 8605}) {
      person(persons, id, STREET);
    }
    person(persons, 8620, "140202001001");
    Ingest.csv(intake, RecordKind.PERSONS, persons.toString());
    Ingest.csv(intake, RecordKind.VENUES, """
        venue_id,name,kind,division,lat,lon,dwell_minutes,contact_class
        HCIT-REST,小店饭馆,restaurant,140105006,37.8,112.5,60,close
        """);
    Ingest.csv(intake, RecordKind.SCANS, """
        person_id,venue_id,time,exit_time
        8601,HCIT-REST,2026-11-20T04:00:00Z,2026-11-20T05:00:00Z
        8602,HCIT-REST,2026-11-20T04:30:00Z,2026-11-20T05:30:00Z
        """);
  }

  static void person(StringBuilder csv, long id, String home) {
    csv.append(id).append(',').append(id).append(',').append(home).append(',')
        .append(Residents.idNumber(home.substring(0, 6), id)).append(",居民").append(id)
        .append(",1380000").append(String.format("%04d", id % 10000)).append(",37.8,112.5\n");
  }

  @Test
  @Order(1)
  @WithCaller(role = Role.INVESTIGATOR)
  void aConfirmedCaseTurnsItsCloseContactRedWithTheReason() throws Exception {
    mvc.perform(get("/api/health-codes/8602")).andExpect(status().isOk())
        .andExpect(jsonPath("$.colour").value("green"));
    mvc.perform(post("/api/cases").contentType(MediaType.APPLICATION_JSON)
            .content("{\"personId\":8601,\"onsetTime\":\"2026-11-21T10:00:00+08:00\"}"))
        .andExpect(status().isCreated());
    mvc.perform(get("/api/health-codes/8602")).andExpect(status().isOk())
        .andExpect(jsonPath("$.colour").value("red"))
        .andExpect(jsonPath("$.reasons[0].rule").value("close-contact"))
        .andExpect(jsonPath("$.reasons[0].textEn", containsString("case 8601")))
        .andExpect(jsonPath("$.reasons[0].textEn", containsString("HCIT-REST")))
        .andExpect(jsonPath("$.toGreenEn[0]", containsString("isolation")));
    mvc.perform(get("/api/health-codes/8601")).andExpect(jsonPath("$.colour").value("red"))
        .andExpect(jsonPath("$.reasons[0].rule").value("case"));
    assertThat(jdbc.queryForObject("select count(*) from health_code_change where person_id = 8602 "
        + "and colour = 'red' and cause like 'fact % contact_traced'", Integer.class)).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'health_code.read' "
        + "and person_id = 8602 and outcome = 'found'", Integer.class)).isGreaterThanOrEqualTo(2);
  }

  @Test
  @Order(2)
  @WithCaller(role = Role.COMMAND_CENTRE)
  void readsOnlyPersonsOfTheJurisdiction() throws Exception {
    mvc.perform(get("/api/health-codes/8620")).andExpect(status().isNotFound());
    mvc.perform(get("/api/health-codes/999999")).andExpect(status().isNotFound());
    assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'health_code.read' "
        + "and person_id = 8620 and outcome = 'not_found'", Integer.class)).isEqualTo(1);
  }

  @Test
  @Order(3)
  @WithCaller(role = Role.LAB)
  void aLabRecordsTestResultsAndBadFactsAreRefused() throws Exception {
    mvc.perform(post("/api/health-codes/facts").contentType(MediaType.APPLICATION_JSON)
            .content("{\"personId\":8603,\"kind\":\"test_result\",\"method\":\"pcr\",\"result\":\"positive\","
                + "\"at\":\"2026-11-23T08:00:00+08:00\"}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.code.colour").value("red"))
        .andExpect(jsonPath("$.changes[0].to").value("red"));
    mvc.perform(post("/api/health-codes/facts").contentType(MediaType.APPLICATION_JSON)
            .content("{\"personId\":8603,\"kind\":\"test_result\",\"method\":\"pcr\",\"result\":\"maybe\","
                + "\"at\":\"2026-11-23T08:00:00+08:00\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("result 'maybe'")));
    mvc.perform(post("/api/health-codes/facts").contentType(MediaType.APPLICATION_JSON)
            .content("{\"personId\":8603,\"kind\":\"vaccination\",\"at\":\"2026-11-23T08:00:00+08:00\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("kind 'vaccination'")));
    mvc.perform(post("/api/health-codes/facts").contentType(MediaType.APPLICATION_JSON)
            .content("{\"personId\":8603,\"kind\":\"isolation_ended\",\"at\":\"yesterday\"}"))
        .andExpect(status().isBadRequest());
    mvc.perform(post("/api/health-codes/facts").contentType(MediaType.APPLICATION_JSON)
            .content("{\"personId\":8620,\"kind\":\"isolation_ended\",\"at\":\"2026-11-23T08:00:00+08:00\"}"))
        .andExpect(status().isNotFound());
  }

  @Test
  @Order(4)
  @WithCaller(role = Role.INVESTIGATOR)
  void mayNotRecordFacts() throws Exception {
    mvc.perform(post("/api/health-codes/facts").contentType(MediaType.APPLICATION_JSON)
            .content("{\"personId\":8603,\"kind\":\"isolation_ended\",\"at\":\"2026-11-23T08:00:00+08:00\"}"))
        .andExpect(status().isForbidden());
  }

  @Test
  @Order(5)
  void aRestartRebuildsTheSameCodesFromTheStoredFacts() {
    CodeColour before2 = codes.colour(8602);
    CodeColour before3 = codes.colour(8603);
    String reasons = codes.code(8602).reasons().toString();
    int changes = jdbc.queryForObject("select count(*) from health_code_change", Integer.class);
    codes.rebuild();
    assertThat(codes.colour(8602)).isEqualTo(before2).isEqualTo(CodeColour.RED);
    assertThat(codes.colour(8603)).isEqualTo(before3).isEqualTo(CodeColour.RED);
    assertThat(codes.code(8602).reasons().toString()).isEqualTo(reasons);
    // nothing changed while "stopped": no change recorded by the replay
    assertThat(jdbc.queryForObject("select count(*) from health_code_change", Integer.class))
        .isEqualTo(changes);
  }

  private MockHttpSession signIn(long personId) throws Exception {
    String id = Residents.idNumber("140105", personId);
    MvcResult r = mvc.perform(post("/api/resident/login/code").contentType(MediaType.APPLICATION_JSON)
            .content("{\"idNumber\":\"" + id + "\"}"))
        .andExpect(status().isAccepted()).andReturn();
    String code = JSON.readTree(r.getResponse().getContentAsString()).get("demoCode").asText();
    MockHttpSession session = new MockHttpSession();
    mvc.perform(post("/api/resident/login").session(session).contentType(MediaType.APPLICATION_JSON)
            .content("{\"idNumber\":\"" + id + "\",\"code\":\"" + code + "\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.personId").value(personId));
    return session;
  }

  @Test
  @Order(6)
  void aResidentSignsInWithACodeAndSeesTheirOwnCodeOnly() throws Exception {
    MockHttpSession session = signIn(8602);
    MvcResult r = mvc.perform(get("/api/resident/code").session(session)).andExpect(status().isOk())
        .andExpect(jsonPath("$.code.colour").value("red"))
        .andExpect(jsonPath("$.code.reasons[0].textZh", containsString("8601")))
        .andExpect(jsonPath("$.qrSvg", containsString("<svg")))
        .andReturn();
    JsonNode body = JSON.readTree(r.getResponse().getContentAsString());
    assertThat(body.get("token").asText()).hasSize(org.cordon.core.healthcode.CodeToken.TEXT_LENGTH);
    mvc.perform(get("/api/health-codes/8602").session(session)).andExpect(status().isOk());
    mvc.perform(get("/api/health-codes/8603").session(session)).andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail", containsString("only their own")));
    assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'health_code.read' "
        + "and person_id = 8603 and outcome = 'denied' and username = 'resident:8602'", Integer.class))
        .isEqualTo(1);
    // and nothing of the console
    mvc.perform(get("/api/persons/8602").session(session)).andExpect(status().isForbidden());
    mvc.perform(get("/api/cases").session(session)).andExpect(status().isForbidden());
    mvc.perform(post("/api/health-codes/facts").session(session).contentType(MediaType.APPLICATION_JSON)
        .content("{}")).andExpect(status().isForbidden());
  }

  @Test
  @Order(7)
  void aWrongOrReusedCodeDoesNotSignIn() throws Exception {
    String id = Residents.idNumber("140105", 8604);
    MvcResult r = mvc.perform(post("/api/resident/login/code").contentType(MediaType.APPLICATION_JSON)
        .content("{\"idNumber\":\"" + id + "\"}")).andReturn();
    String code = JSON.readTree(r.getResponse().getContentAsString()).get("demoCode").asText();
    String wrong = code.equals("000000") ? "000001" : "000000";
    mvc.perform(post("/api/resident/login").contentType(MediaType.APPLICATION_JSON)
            .content("{\"idNumber\":\"" + id + "\",\"code\":\"" + wrong + "\"}"))
        .andExpect(status().isUnauthorized());
    mvc.perform(post("/api/resident/login").contentType(MediaType.APPLICATION_JSON)
        .content("{\"idNumber\":\"" + id + "\",\"code\":\"" + code + "\"}")).andExpect(status().isOk());
    mvc.perform(post("/api/resident/login").contentType(MediaType.APPLICATION_JSON)
            .content("{\"idNumber\":\"" + id + "\",\"code\":\"" + code + "\"}"))
        .andExpect(status().isUnauthorized());
    // an unregistered number gets the same answer, without a code
    mvc.perform(post("/api/resident/login/code").contentType(MediaType.APPLICATION_JSON)
            .content("{\"idNumber\":\"" + Residents.idNumber("140105", 8699) + "\"}"))
        .andExpect(status().isAccepted()).andExpect(jsonPath("$.demoCode").doesNotExist());
    mvc.perform(post("/api/resident/login/code").contentType(MediaType.APPLICATION_JSON)
        .content("{\"idNumber\":\"12345\"}")).andExpect(status().isBadRequest());
    mvc.perform(get("/api/resident/code")).andExpect(status().isUnauthorized());
  }

  @Test
  @Order(10)
  void aResidentReportsTheirOwnAntigenTest() throws Exception {
    MockHttpSession session = signIn(8605);
    mvc.perform(post("/api/resident/antigen-tests").session(session).contentType(MediaType.APPLICATION_JSON)
            .content("{\"testedAt\":\"2026-11-23T07:30:00+08:00\",\"result\":\"阴性\"}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.recorded").value(1))
        .andExpect(jsonPath("$.code.colour").value("green"));
    assertThat(codes.lastNegativeTest(8605, true)).contains(java.time.Instant.parse("2026-11-22T23:30:00Z"));
    assertThat(codes.lastNegativeTest(8605, false)).isEmpty();
    assertThat(jdbc.queryForObject("select recorded_by from antigen_test where person_id = 8605", String.class))
        .isEqualTo("resident:8605");
    // bad input: nothing stored
    mvc.perform(post("/api/resident/antigen-tests").session(session).contentType(MediaType.APPLICATION_JSON)
            .content("{\"testedAt\":\"2026-11-24T07:30:00+08:00\",\"result\":\"negative\"}"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail", containsString("future")));
    mvc.perform(post("/api/resident/antigen-tests").session(session).contentType(MediaType.APPLICATION_JSON)
            .content("{\"testedAt\":\"2026-11-23T07:30:00+08:00\",\"result\":\"maybe\"}"))
        .andExpect(status().isBadRequest());
    assertThat(jdbc.queryForObject("select count(*) from antigen_test where person_id = 8605", Integer.class))
        .isEqualTo(1);
    // signed out: no report
    mvc.perform(post("/api/resident/antigen-tests").contentType(MediaType.APPLICATION_JSON)
        .content("{\"testedAt\":\"2026-11-23T07:30:00+08:00\",\"result\":\"negative\"}"))
        .andExpect(status().isUnauthorized());
  }

  @Test
  @Order(8)
  void publishesThePublicKeyWithoutSignIn() throws Exception {
    mvc.perform(get("/api/health-codes/public-key")).andExpect(status().isOk())
        .andExpect(jsonPath("$.algorithm").value("Ed25519"))
        .andExpect(jsonPath("$.publicKey").isString());
  }

  @Test
  @Order(9)
  void streamsTheResidentsOwnCodeAndACommunitysChanges() throws Exception {
    MockHttpSession session = signIn(8604);
    MvcResult mine = mvc.perform(get("/api/health-codes/stream").session(session))
        .andExpect(request().asyncStarted()).andReturn();
    assertThat(mine.getResponse().getContentAsString()).contains("event:code").contains("\"green\"");
    MvcResult community = mvc.perform(get("/api/health-codes/stream")
            .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                .httpBasic("community", "cordon-demo")))
        .andExpect(request().asyncStarted()).andReturn();
    codes.record(java.util.List.of(new org.cordon.core.healthcode.ZoneMembership(8604, "HCIT-ZONE",
        org.cordon.core.healthcode.ZoneMembership.Level.SEALED, java.time.Instant.parse("2026-11-23T01:00:00Z"))),
        "test");
    assertThat(mine.getResponse().getContentAsString()).contains("\"red\"").contains("sealed-zone");
    assertThat(community.getResponse().getContentAsString()).contains("\"personId\":8604")
        .contains("\"red\"");
    mvc.perform(get("/api/health-codes/stream").param("division", "1402")
            .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                .httpBasic("community", "cordon-demo")))
        .andExpect(status().isForbidden());
  }
}
