package org.cordon.server.healthcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.cordon.core.exchange.RecordKind;
import org.cordon.core.healthcode.CodeColour;
import org.cordon.core.healthcode.RuleId;
import org.cordon.server.intake.IntakeManagement;
import org.cordon.core.place.DivisionCode;
import org.cordon.server.security.Caller;
import org.cordon.server.security.CordonWebTest;
import org.cordon.server.security.Residents;
import org.cordon.server.security.Role;
import org.cordon.server.security.WithCaller;
import org.cordon.server.support.Ingest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

/**
 * The health-code policy switched at run time, and the secondary contact's link to its close contact,
 * over REST: a case makes 11102 a close contact and 11103 (met by 11102 a day later) a secondary contact,
 * yellow under the 9th edition and red under the 8th; the switch is the command centre's, audited,
 * stored and read back at a restart; the close contact's positive test upgrades the secondary contact.
 * "Now" is the FixedClock's 2026-11-23T02:00Z; persons 11101..11110 of communities 140105006022/023
 * and venue HCPOL-* belong to this test. The policy is switched back to the 9th edition at the end (the
 * Spring context is shared).
 */
@CordonWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthCodePolicyIT {

  static final String COMMUNITY = "140105006022";
  static final String OTHER_COMMUNITY = "140105006023";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired
  MockMvc mvc;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  IntakeManagement intake;
  @Autowired
  HealthCodeManagement codes;
  @Autowired
  JdbcClient client;

  @BeforeAll
  void aCaseItsCloseContactAndItsHousehold() {
    // 11101 is the case; 11102 meets it in a restaurant (close contact) and, a day later, 11103 in a
    // teahouse (secondary contact: exposed on 11-21, so the close contact's tests after it count for
    // the link); 11104 is nobody's contact.
    StringBuilder persons = new StringBuilder("person_id,household_id,home_division,id_number,name,"
        + "phone,lat,lon\n");
    person(persons, 11101, 11101, COMMUNITY);
    person(persons, 11102, 11102, COMMUNITY);
    person(persons, 11103, 11103, OTHER_COMMUNITY);
    person(persons, 11104, 11104, OTHER_COMMUNITY);
    Ingest.csv(intake, RecordKind.PERSONS, persons.toString());
    Ingest.csv(intake, RecordKind.VENUES, """
        venue_id,name,kind,division,lat,lon,dwell_minutes,contact_class
        HCPOL-REST,小店面馆,restaurant,140105006,37.8,112.5,60,close
        HCPOL-TEA,小店茶馆,restaurant,140105006,37.8,112.5,60,close
        """);
    Ingest.csv(intake, RecordKind.SCANS, """
        person_id,venue_id,time,exit_time
        11101,HCPOL-REST,2026-11-20T04:00:00Z,2026-11-20T05:00:00Z
        11102,HCPOL-REST,2026-11-20T04:30:00Z,2026-11-20T05:30:00Z
        11102,HCPOL-TEA,2026-11-21T06:00:00Z,2026-11-21T07:00:00Z
        11103,HCPOL-TEA,2026-11-21T06:30:00Z,2026-11-21T07:30:00Z
        """);
  }

  @AfterAll
  void backToTheDefault() {
    // other tests share the context: leave the 9th edition active (a stored choice of it, if any)
    if (!codes.policy().id().equals("healthcode-9th")) {
      codes.switchPolicy(org.cordon.core.healthcode.HealthCodePolicy.preset("healthcode-9th"), "HealthCodePolicyIT");
    }
  }

  static void person(StringBuilder csv, long id, long household, String home) {
    csv.append(id).append(',').append(household).append(',').append(home).append(',')
        .append(Residents.idNumber(home.substring(0, 6), id)).append(",居民").append(id)
        .append(",1390000").append(String.format("%04d", id % 10000)).append(",37.8,112.5\n");
  }

  private ResultActions switchTo(String body) throws Exception {
    return mvc.perform(put("/api/health-codes/policy").contentType(MediaType.APPLICATION_JSON).content(body));
  }

  private int settings() {
    return jdbc.queryForObject("select count(*) from healthcode_policy_setting", Integer.class);
  }

  private int audits(String outcome) {
    return jdbc.queryForObject("select count(*) from audit_log where action = 'health_code.policy' "
        + "and outcome = ?", Integer.class, outcome);
  }

  @Test
  @Order(1)
  @WithCaller(role = Role.INVESTIGATOR)
  void aCaseMakesTheCloseContactsHouseholdASecondaryContactYellowUnderThe9thEdition() throws Exception {
    // nothing chosen yet: the property's policy (the default, 9th edition)
    assertThat(settings()).isZero();
    mvc.perform(get("/api/health-codes/policy")).andExpect(status().isOk())
        .andExpect(jsonPath("$.policy").value("healthcode-9th"))
        .andExpect(jsonPath("$.source").value("configuration"))
        .andExpect(jsonPath("$.setBy").doesNotExist())
        .andExpect(jsonPath("$.mayChange").value(false))
        .andExpect(jsonPath("$.presets[*].id", org.hamcrest.Matchers.hasItems("healthcode-8th", "healthcode-9th")));
    mvc.perform(post("/api/cases").contentType(MediaType.APPLICATION_JSON)
            .content("{\"personId\":11101,\"onsetTime\":\"2026-11-21T10:00:00+08:00\"}"))
        .andExpect(status().isCreated());
    assertThat(codes.colour(11102)).isEqualTo(CodeColour.RED);
    mvc.perform(get("/api/health-codes/11103")).andExpect(status().isOk())
        .andExpect(jsonPath("$.colour").value("yellow"))
        .andExpect(jsonPath("$.reasons[0].rule").value("secondary-contact"))
        .andExpect(jsonPath("$.reasons[0].textEn", containsString("close contact 11102")))
        .andExpect(jsonPath("$.policy").value("healthcode-9th"));
  }

  @Test
  @Order(2)
  @WithCaller(role = Role.INVESTIGATOR)
  void anInvestigatorMayNotSwitch() throws Exception {
    int before = settings();
    switchTo("{\"policy\":\"healthcode-8th\"}").andExpect(status().isForbidden());
    assertThat(settings()).isEqualTo(before);
    assertThat(codes.policy().id()).isEqualTo("healthcode-9th");
  }

  @Test
  @Order(3)
  @WithCaller(name = "cc-district", role = Role.COMMAND_CENTRE, jurisdiction = "140105")
  void aCommandCentreOfPartOfTheDeploymentMayNotSwitch() throws Exception {
    int denied = audits("denied");
    switchTo("{\"policy\":\"healthcode-8th\"}").andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail", containsString("covering the deployment's (1401)")));
    assertThat(audits("denied")).isEqualTo(denied + 1);
    assertThat(codes.policy().id()).isEqualTo("healthcode-9th");
    mvc.perform(get("/api/health-codes/policy")).andExpect(jsonPath("$.mayChange").value(false));
  }

  @Test
  @Order(4)
  @WithCaller(name = "cc-city", role = Role.COMMAND_CENTRE)
  void anUnknownOrMissingPresetIs400AndChangesNothing() throws Exception {
    int before = settings();
    long changes = jdbc.queryForObject("select count(*) from health_code_change", Long.class);
    switchTo("{\"policy\":\"healthcode-10th\"}").andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("unknown health-code policy 'healthcode-10th'")))
        .andExpect(jsonPath("$.detail", containsString("healthcode-8th")));
    switchTo("{}").andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("policy is required")));
    switchTo("not json").andExpect(status().isBadRequest());
    assertThat(settings()).isEqualTo(before);
    assertThat(jdbc.queryForObject("select count(*) from health_code_change", Long.class)).isEqualTo(changes);
    assertThat(codes.policy().id()).isEqualTo("healthcode-9th");
    assertThat(codes.colour(11103)).isEqualTo(CodeColour.YELLOW);
    assertThat(audits("unknown")).isGreaterThanOrEqualTo(2);
  }

  @Test
  @Order(5)
  void switching9thTo8thTurnsTheSecondaryContactRedRecordedAuditedAndPushed() throws Exception {
    MockHttpSession resident = signIn(11103);
    MvcResult stream = mvc.perform(get("/api/health-codes/stream").session(resident))
        .andExpect(request().asyncStarted()).andReturn();
    assertThat(stream.getResponse().getContentAsString()).contains("\"yellow\"");
    int switched = audits("switched");
    mvc.perform(put("/api/health-codes/policy").contentType(MediaType.APPLICATION_JSON)
            .content("{\"policy\":\"healthcode-8th\"}").with(commandCentre()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.policy").value("healthcode-8th"))
        .andExpect(jsonPath("$.source").value("setting"))
        .andExpect(jsonPath("$.setBy").value("cc-city"))
        .andExpect(jsonPath("$.setAt").value("2026-11-23T10:00:00+08:00"))
        .andExpect(jsonPath("$.history[0].previous").value("healthcode-9th"))
        .andExpect(jsonPath("$.mayChange").value(true));
    assertThat(codes.colour(11103)).isEqualTo(CodeColour.RED);
    assertThat(codes.code(11103).reasons().get(0).rule()).isEqualTo(RuleId.SECONDARY_CONTACT);
    assertThat(codes.code(11103).policyId()).isEqualTo("healthcode-8th");
    assertThat(jdbc.queryForObject("select count(*) from health_code_change where person_id = 11103 "
        + "and colour = 'red' and previous = 'yellow' and cause = 'policy healthcode-9th -> healthcode-8th'",
        Integer.class)).isEqualTo(1);
    assertThat(jdbc.queryForObject("select set_by from healthcode_policy_setting order by setting_id desc "
        + "limit 1", String.class)).isEqualTo("cc-city");
    assertThat(audits("switched")).isEqualTo(switched + 1);
    // pushed to the resident's stream like any other change
    assertThat(stream.getResponse().getContentAsString()).contains("\"red\"").contains("healthcode-8th");
  }

  @Test
  @Order(6)
  void theChoiceIsReadBackFromTheTableAtARestart() {
    String reasons = codes.code(11103).reasons().toString();
    long changes = jdbc.queryForObject("select count(*) from health_code_change", Long.class);
    codes.rebuild();
    assertThat(codes.policy().id()).isEqualTo("healthcode-8th");
    // replayed under the stored choice, every code is what was last recorded: no "restart" change
    assertThat(jdbc.queryForObject("select count(*) from health_code_change", Long.class)).isEqualTo(changes);
    assertThat(codes.colour(11103)).isEqualTo(CodeColour.RED);
    assertThat(codes.code(11103).reasons().toString()).isEqualTo(reasons);
    // a server started with the property's default reads the stored choice, which wins
    assertThat(new HealthCodePolicies(client, "healthcode-9th").startWith().id()).isEqualTo("healthcode-8th");
  }

  @Test
  @Order(7)
  @WithCaller(name = "cc-city", role = Role.COMMAND_CENTRE)
  void switchingToTheActivePolicyChangesNothingAndBackTo9thTurnsItYellowAgain() throws Exception {
    int before = settings();
    switchTo("{\"policy\":\"healthcode-8th\"}").andExpect(status().isOk())
        .andExpect(jsonPath("$.changes").value(0));
    assertThat(settings()).isEqualTo(before);
    switchTo("{\"policy\":\" healthcode-9th \"}").andExpect(status().isOk())
        .andExpect(jsonPath("$.policy").value("healthcode-9th"))
        .andExpect(jsonPath("$.colourChanges", org.hamcrest.Matchers.greaterThanOrEqualTo(1)));
    assertThat(codes.colour(11103)).isEqualTo(CodeColour.YELLOW);
    assertThat(settings()).isEqualTo(before + 1);
    codes.rebuild();
    assertThat(codes.policy().id()).isEqualTo("healthcode-9th");
    assertThat(new HealthCodePolicies(client, "healthcode-8th").startWith().id()).isEqualTo("healthcode-9th");
    // a stored choice no longer known (e.g. a policy file taken away): the property's policy
    jdbc.update("insert into healthcode_policy_setting (policy_id, previous_id, set_at, set_by) values "
        + "('shanxi-2022', 'healthcode-9th', timestamp with time zone '2026-11-23 02:00:00+00', 'HealthCodePolicyIT')");
    try {
      assertThat(new HealthCodePolicies(client, "healthcode-8th").startWith().id()).isEqualTo("healthcode-8th");
    } finally {
      jdbc.update("delete from healthcode_policy_setting where policy_id = 'shanxi-2022'");
    }
  }

  @Test
  @Order(8)
  @WithCaller(role = Role.LAB)
  void theCloseContactsPositiveTestUpgradesTheSecondaryContactToCloseContact() throws Exception {
    mvc.perform(post("/api/health-codes/facts").contentType(MediaType.APPLICATION_JSON)
            .content("{\"personId\":11102,\"kind\":\"test_result\",\"method\":\"pcr\",\"result\":\"negative\","
                + "\"at\":\"2026-11-22T09:00:00+08:00\"}"))
        .andExpect(status().isCreated());
    assertThat(codes.colour(11103)).isEqualTo(CodeColour.YELLOW);
    mvc.perform(post("/api/health-codes/facts").contentType(MediaType.APPLICATION_JSON)
            .content("{\"personId\":11102,\"kind\":\"test_result\",\"method\":\"pcr\",\"result\":\"positive\","
                + "\"at\":\"2026-11-23T08:00:00+08:00\"}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.changes[?(@.personId == 11103)].to").value("red"));
    assertThat(codes.colour(11103)).isEqualTo(CodeColour.RED);
    assertThat(codes.code(11103).reasons().get(0).upgraded()).isTrue();
    // recorded with its cause: the close contact's fact
    assertThat(jdbc.queryForObject("select count(*) from health_code_change where person_id = 11103 "
        + "and colour = 'red' and cause like 'fact % test_result' and reasons like 'close-contact red:%'",
        Integer.class)).isEqualTo(1);
    // the same after a restart: the link is rebuilt from the stored facts
    codes.rebuild();
    assertThat(codes.code(11103).reasons().get(0).upgraded()).isTrue();
  }

  /** The city's command centre, for a request that cannot use {@code @WithCaller} (a resident's session too). */
  private static org.springframework.test.web.servlet.request.RequestPostProcessor commandCentre() {
    Caller caller = new Caller("cc-city", "cc-city", Role.COMMAND_CENTRE, DivisionCode.of("1401"), null);
    return SecurityMockMvcRequestPostProcessors.authentication(
        UsernamePasswordAuthenticationToken.authenticated(caller, null, caller.authorities()));
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
        .andExpect(status().isOk());
    return session;
  }
}
