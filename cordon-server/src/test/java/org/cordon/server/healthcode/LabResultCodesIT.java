package org.cordon.server.healthcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.healthcode.CodeColour;
import org.cordon.core.healthcode.ContactTraced;
import org.cordon.core.healthcode.Reason;
import org.cordon.core.healthcode.TestResult;
import org.cordon.core.tracing.ContactCategory;
import org.cordon.server.intake.IntakeManagement;
import org.cordon.server.security.CordonWebTest;
import org.cordon.server.security.Role;
import org.cordon.server.security.WithCaller;
import org.cordon.server.support.PersonCsv;
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
 * Lab results reach the health codes (issue 5 meets issue 4), over the real endpoints: a positive pool
 * turns its members yellow with the recall reason naming the tube, a negative single-tube retest
 * turns a member green again (unless something else holds them), a negative pool is a negative test
 * of each member at their sample time (it releases a same-time-space key person and counts for the
 * checkpoint's "no negative test, no work"), and a lab's corrections replace the tube's fact. "Now" is
 * the FixedClock's 2026-11-23T10:00+08:00 (the 9th-edition preset: a key person needs 2 negative PCR
 * 24 h apart). Persons 9101..9112, site CODESIT-A and tubes T-CODES-* belong to this test; the steps
 * build on each other, in order.
 */
@CordonWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabResultCodesIT {

  static final String COMMUNITY = "140105006020";
  static final String STREET = "140105006";
  static final String CAMPAIGN = "C-CODESIT";

  @Autowired
  MockMvc mvc;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  IntakeManagement intake;
  @Autowired
  HealthCodeManagement codes;

  @BeforeAll
  void aPoolOfNeighboursAndTwoKeyPersons() {
    PersonCsv persons = new PersonCsv("居民", "1370000");
    for (long id : new long[] {9101, 9102, 9103, 9104, 9105, 9111, 9112}) {
      persons.person(id, COMMUNITY, "37.95,112.62");
    }
    persons.store(intake);
    // 9105 (in the pool that will be positive) and 9111 (in the one that will be negative) are
    // same-time-space key persons; 9111 already had one negative PCR after the exposure
    codes.record(List.of(
        new ContactTraced(9105, ContactCategory.KEY, 9199, "venue CODESIT-V", time("2026-11-22T20:00"),
            time("2026-11-23T06:00")),
        new ContactTraced(9111, ContactCategory.KEY, 9199, "venue CODESIT-V", time("2026-11-21T20:00"),
            time("2026-11-22T06:00")),
        TestResult.negativePcr(9111, time("2026-11-22T08:00"))), "test");
  }

  private static Instant time(String local) {
    return IsoTime.parse("t", local + ":00+08:00");
  }

  private ResultActions postJson(String path, String body) throws Exception {
    return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body));
  }

  private ResultActions results(String csv) throws Exception {
    return mvc.perform(post("/api/testing/results").contentType("text/csv")
        .content("tube,result,result_time\n" + csv));
  }

  private ResultActions sample(long person, String tube, String at) throws Exception {
    return postJson("/api/testing/samples", "{\"campaignId\":\"" + CAMPAIGN + "\",\"siteId\":\"CODESIT-A\","
        + "\"tube\":\"" + tube + "\",\"personId\":" + person + ",\"sampledAt\":\"" + at + ":00+08:00\"}");
  }

  private CodeColour colour(long person) {
    return codes.colour(person);
  }

  private List<String> rules(long person) {
    return codes.code(person).reasons().stream().map(r -> r.rule().code()).toList();
  }

  @Test
  @Order(1)
  @WithCaller(name = "cmd-codesit", role = Role.COMMAND_CENTRE, jurisdiction = "1401")
  void aCampaignWithASite() throws Exception {
    postJson("/api/testing/campaigns", "{\"campaignId\":\"" + CAMPAIGN + "\",\"name\":\"孙家寨混管筛查\","
        + "\"kind\":\"mass\",\"startsAt\":\"2026-11-22T00:00:00+08:00\",\"endsAt\":\"2026-11-24T00:00:00+08:00\","
        + "\"divisions\":[\"" + COMMUNITY + "\"]}").andExpect(status().isCreated());
    postJson("/api/testing/sites", "{\"siteId\":\"CODESIT-A\",\"name\":\"采样点 CODESIT-A\",\"division\":\""
        + STREET + "\",\"lat\":37.95,\"lon\":112.62}").andExpect(status().isOk());
  }

  @Test
  @Order(2)
  @WithCaller(name = "worker-codesit", role = Role.COMMUNITY_WORKER, jurisdiction = STREET)
  void neighboursArePooled() throws Exception {
    for (long id = 9101; id <= 9105; id++) {
      sample(id, "T-CODES-P1", "2026-11-23T07:00").andExpect(status().isCreated());
    }
    sample(9111, "T-CODES-P2", "2026-11-23T08:00").andExpect(status().isCreated());
    sample(9112, "T-CODES-P2", "2026-11-23T08:00").andExpect(status().isCreated());
    assertThat(colour(9101)).isEqualTo(CodeColour.GREEN);
    assertThat(rules(9111)).containsExactly("key-person");
    assertThat(codes.code(9111).reasons().get(0).negativeTestsNeeded()).isEqualTo(1);
  }

  @Test
  @Order(3)
  @WithCaller(name = "lab-codesit", role = Role.LAB, jurisdiction = "1401")
  void aPositivePoolTurnsItsMembersYellowAndANegativePoolReleasesAKeyPerson() throws Exception {
    results("T-CODES-P1,positive,2026-11-23T09:00:00+08:00\nT-CODES-P2,negative,2026-11-23T09:00:00+08:00\n")
        .andExpect(status().isOk()).andExpect(jsonPath("$.recalled").value(5));
    for (long id = 9101; id <= 9104; id++) {
      assertThat(colour(id)).as("member %d", id).isEqualTo(CodeColour.YELLOW);
      assertThat(rules(id)).containsExactly("pool-recall");
    }
    Reason recall = codes.code(9101).reasons().get(0);
    assertThat(recall.textZh()).contains("混管阳性，待单管复核", "管号T-CODES-P1", "2026-11-23 07:00采样");
    assertThat(recall.textEn()).contains("positive pool, single-tube retest due", "tube T-CODES-P1");
    assertThat(CodeView.of(codes.code(9101)).toGreenZh()).singleElement().asString().contains("单管复核");
    assertThat(rules(9105)).containsExactly("key-person", "pool-recall");
    // the negative pool is each member's negative PCR at the sample time: 9111's second, 24 h apart
    assertThat(colour(9111)).isEqualTo(CodeColour.GREEN);
    assertThat(colour(9112)).isEqualTo(CodeColour.GREEN);
    assertThat(codes.lastNegativeTest(9112, false)).contains(time("2026-11-23T08:00"));
    assertThat(codes.lastNegativeTest(9101, false)).isEmpty();
    assertThat(jdbc.queryForList("select kind from health_code_fact where person_id = 9101 or ' ' || members "
        + "like '% 9101@%'", String.class)).containsExactly("pool_recall");
    assertThat(jdbc.queryForObject("select count(*) from health_code_change where person_id = 9102 and "
        + "colour = 'yellow' and cause like 'fact % pool_recall'", Integer.class)).isEqualTo(1);
    // recalls come from lab results only, never by hand
    postJson("/api/health-codes/facts", "{\"personId\":9103,\"kind\":\"pool_recall\","
        + "\"at\":\"2026-11-23T09:00:00+08:00\"}").andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("lab results")));
  }

  @Test
  @Order(4)
  @WithCaller(role = Role.INVESTIGATOR)
  void theCodeShowsTheRecallInPlainWords() throws Exception {
    mvc.perform(get("/api/health-codes/9102")).andExpect(status().isOk())
        .andExpect(jsonPath("$.colour").value("yellow"))
        .andExpect(jsonPath("$.reasons[0].rule").value("pool-recall"))
        .andExpect(jsonPath("$.reasons[0].ruleZh").value("混管阳性待复核人员"))
        .andExpect(jsonPath("$.reasons[0].textZh", containsString("混管阳性，待单管复核（管号T-CODES-P1")))
        .andExpect(jsonPath("$.reasons[0].textEn", containsString("positive pool, single-tube retest due")))
        .andExpect(jsonPath("$.toGreenEn[0]", containsString("single-tube retest")));
  }

  @Test
  @Order(5)
  @WithCaller(name = "worker-codesit", role = Role.COMMUNITY_WORKER, jurisdiction = STREET)
  void recalledMembersAreRetestedAlone() throws Exception {
    sample(9101, "T-CODES-R1", "2026-11-23T09:30").andExpect(status().isCreated())
        .andExpect(jsonPath("$.purpose").value("retest"));
    sample(9105, "T-CODES-R5", "2026-11-23T09:30").andExpect(status().isCreated());
  }

  @Test
  @Order(6)
  @WithCaller(name = "lab-codesit", role = Role.LAB, jurisdiction = "1401")
  void aNegativeRetestTurnsAMemberGreenUnlessSomethingElseHoldsThem() throws Exception {
    results("T-CODES-R1,negative,2026-11-23T09:50:00+08:00\nT-CODES-R5,negative,2026-11-23T09:50:00+08:00\n")
        .andExpect(status().isOk());
    assertThat(colour(9101)).isEqualTo(CodeColour.GREEN);
    assertThat(codes.code(9101).reasons()).isEmpty();
    assertThat(codes.lastNegativeTest(9101, false)).contains(time("2026-11-23T09:30"));
    // 9105's recall is over, but a key person needs a second negative 24 h after the first
    assertThat(rules(9105)).containsExactly("key-person");
    assertThat(colour(9102)).isEqualTo(CodeColour.YELLOW);
  }

  @Test
  @Order(7)
  void theCodesSurviveARestart() {
    List<String> before = new java.util.ArrayList<>();
    for (long id : new long[] {9101, 9102, 9105, 9111, 9112}) {
      before.add(codes.code(id).colour() + " " + codes.code(id).reasons());
    }
    int changes = jdbc.queryForObject("select count(*) from health_code_change", Integer.class);
    codes.rebuild();
    List<String> after = new java.util.ArrayList<>();
    for (long id : new long[] {9101, 9102, 9105, 9111, 9112}) {
      after.add(codes.code(id).colour() + " " + codes.code(id).reasons());
    }
    assertThat(after).isEqualTo(before);
    assertThat(before.get(1)).startsWith("YELLOW").contains("T-CODES-P1");
    assertThat(jdbc.queryForObject("select count(*) from health_code_change", Integer.class))
        .isEqualTo(changes);
  }

  @Test
  @Order(8)
  @WithCaller(name = "lab-codesit", role = Role.LAB, jurisdiction = "1401")
  void correctionsReplaceTheTubesFactInsteadOfAddingOne() throws Exception {
    // the negative pool was positive after all: recalled, and its negative no longer releases 9111
    results("T-CODES-P2,positive,2026-11-23T09:10:00+08:00\n").andExpect(status().isOk())
        .andExpect(jsonPath("$.corrected").value(1));
    assertThat(rules(9111)).containsExactly("key-person", "pool-recall");
    assertThat(rules(9112)).containsExactly("pool-recall");
    // then invalid: no recall, no negative either
    results("T-CODES-P2,invalid,2026-11-23T09:20:00+08:00\n").andExpect(status().isOk());
    assertThat(rules(9111)).containsExactly("key-person");
    assertThat(colour(9112)).isEqualTo(CodeColour.GREEN);
    assertThat(codes.lastNegativeTest(9112, false)).isEmpty();
    assertThat(codes.lastNegativeTest(9111, false)).contains(time("2026-11-22T08:00"));
    // and negative again: released once more, the negative counted once
    results("T-CODES-P2,negative,2026-11-23T09:40:00+08:00\n").andExpect(status().isOk());
    assertThat(colour(9111)).isEqualTo(CodeColour.GREEN);
    assertThat(codes.lastNegativeTest(9112, false)).contains(time("2026-11-23T08:00"));
    assertThat(jdbc.queryForList("select kind from health_code_fact where person_id = 9112 or ' ' || members "
        + "like '% 9112@%' order by fact_id", String.class))
        .containsExactly("test_result", "pool_recall", "result_withdrawn", "test_result");
    codes.rebuild();
    assertThat(colour(9111)).isEqualTo(CodeColour.GREEN);
    assertThat(codes.lastNegativeTest(9112, false)).contains(time("2026-11-23T08:00"));
    // a pool corrected away from positive ends the recall of the members not yet retested
    results("T-CODES-P1,negative,2026-11-23T09:45:00+08:00\n").andExpect(status().isOk());
    assertThat(colour(9102)).isEqualTo(CodeColour.GREEN);
  }
}
