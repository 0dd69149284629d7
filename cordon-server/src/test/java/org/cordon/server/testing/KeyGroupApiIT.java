package org.cordon.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.cordon.core.healthcode.CodeColour;
import org.cordon.server.healthcode.HealthCodeManagement;
import org.cordon.server.intake.IntakeManagement;
import org.cordon.server.security.CordonWebTest;
import org.cordon.server.support.PersonCsv;
import org.cordon.server.security.Role;
import org.cordon.server.security.WithCaller;
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
 * The key-group register, its compliance board and campaigns targeting key groups and explicit persons,
 * over REST. "Now" is the FixedClock's 2026-11-23T10:00+08:00; the default testing policy (couriers
 * 3 PCR + 2 antigen in 5 days, cold-chain 1 PCR a day) and the 9th-edition health-code preset (cold-chain
 * interval 24 h, PCR only). Couriers 9701..9702, resident 9703 and cold-chain workers 9711..9713 live in
 * community A,
 * the zone's residents 9720..9721 in community B; site KGIT-A, campaign C-KGIT and tubes T-KG-* belong
 * to this test; the steps build on each other, in order.
 */
@CordonWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyGroupApiIT {

  static final String COMMUNITY_A = "140105006018";
  static final String COMMUNITY_B = "140105006019";
  static final String STREET = "140105006";
  static final String CAMPAIGN = "C-KGIT";

  @Autowired
  MockMvc mvc;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  IntakeManagement intake;
  @Autowired
  HealthCodeManagement codes;

  @BeforeAll
  void workersAndResidents() {
    PersonCsv persons = new PersonCsv("职工", "1380000");
    for (long id : new long[] {9701, 9702, 9703, 9711, 9712, 9713}) {
      persons.person(id, COMMUNITY_A, "37.80,112.50");
    }
    persons.person(9720, COMMUNITY_B, "37.90,112.60");
    persons.person(9721, COMMUNITY_B, "37.90,112.60").store(intake);
  }

  private ResultActions postJson(String path, String body) throws Exception {
    return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body));
  }

  private ResultActions postCsv(String path, String body) throws Exception {
    return mvc.perform(post(path).contentType("text/csv").content(body));
  }

  private long members() {
    return jdbc.queryForObject("select count(*) from key_group_member where person_id between 9700 and 9999",
        Long.class);
  }

  private static final String CSV_HEADER = "person_id,group,workplace_id,workplace_name,since\n";

  @Test
  @Order(1)
  @WithCaller(name = "cmd-kgit", role = Role.COMMAND_CENTRE, jurisdiction = "1401")
  void badMembersAreRefusedWithTheirLineAndNothingIsStored() throws Exception {
    postJson("/api/testing/key-groups/members", "[{\"personId\":9701,\"group\":\"courier\"},"
        + "{\"personId\":9998,\"group\":\"courier\"}]").andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("members[1]: unknown person 9998"));
    postJson("/api/testing/key-groups/members", "[{\"personId\":9701,\"group\":\"pilots\"}]")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("unknown key group 'pilots'")))
        .andExpect(jsonPath("$.detail", containsString("courier")));
    postJson("/api/testing/key-groups/members", "[{\"personId\":9701,\"group\":\"courier\","
        + "\"since\":\"2026-11-24T00:00:00+08:00\"}]").andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("in the future")));
    postCsv("/api/testing/key-groups/members", CSV_HEADER
        + "9711,cold-chain,W-COLD,冷库一号,2026-11-20T10:00:00+08:00\n"
        + "9998,cold-chain,W-COLD,冷库一号,\n"
        + "9712,pilots,W-COLD,冷库一号,\n"
        + "9713,cold-chain,W-COLD,冷库一号,yesterday\n"
        + "x,cold-chain,,,\n")
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.stored").value(false))
        .andExpect(jsonPath("$.errors.length()").value(4))
        .andExpect(jsonPath("$.errors[0].line").value(3))
        .andExpect(jsonPath("$.errors[0].reason").value("unknown person 9998"))
        .andExpect(jsonPath("$.errors[1].line").value(4))
        .andExpect(jsonPath("$.errors[2].line").value(5))
        .andExpect(jsonPath("$.errors[3].line").value(6));
    postCsv("/api/testing/key-groups/members", "person_id,group\n9711,cold-chain\n")
        .andExpect(status().isBadRequest());
    assertThat(members()).isZero();
  }

  @Test
  @Order(2)
  @WithCaller(name = "cmd-kgit", role = Role.COMMAND_CENTRE, jurisdiction = "1401")
  void theCommandCentreRegistersCouriersAndColdChainWorkers() throws Exception {
    postJson("/api/testing/key-groups/members", "[{\"personId\":9701,\"group\":\"courier\","
        + "\"workplaceId\":\"W-EXPRESS\",\"workplaceName\":\"顺丰小店站\",\"since\":\"2026-11-15T10:00:00+08:00\"},"
        + "{\"personId\":9702,\"group\":\"courier\",\"workplaceId\":\"W-EXPRESS\","
        + "\"workplaceName\":\"顺丰小店站\",\"since\":\"2026-11-21T10:00:00+08:00\"}]")
        .andExpect(status().isCreated()).andExpect(jsonPath("$.added").value(2));
    String csv = CSV_HEADER
        + "9711,cold-chain,W-COLD,冷库一号,2026-11-20T10:00:00+08:00\n"
        + "9712,cold-chain,W-COLD,冷库一号,2026-11-20T10:00:00+08:00\n"
        + "9713,cold-chain,W-COLD,冷库一号,2026-11-20T10:00:00+08:00\n";
    postCsv("/api/testing/key-groups/members", csv).andExpect(status().isOk())
        .andExpect(jsonPath("$.stored").value(true)).andExpect(jsonPath("$.accepted").value(3))
        .andExpect(jsonPath("$.duplicates").value(0));
    // a re-upload changes nothing but counts as duplicates
    postCsv("/api/testing/key-groups/members", csv).andExpect(status().isOk())
        .andExpect(jsonPath("$.duplicates").value(3));
    assertThat(members()).isEqualTo(5);
    // each new membership is a key_group fact: 9712 has had no test for more than the 24 h interval
    assertThat(jdbc.queryForObject("select count(*) from health_code_fact where kind = 'key_group' and "
        + "person_id between 9700 and 9999", Long.class)).isEqualTo(5);
    assertThat(codes.colour(9712)).isEqualTo(CodeColour.YELLOW);
    assertThat(codes.code(9712).reasons().stream().map(r -> r.rule().code()).toList())
        .containsExactly("key-group-test-overdue");
    assertThat(codes.colour(9702)).isEqualTo(CodeColour.GREEN);   // within the courier interval (84 h)
  }

  @Test
  @Order(3)
  @WithCaller(name = "worker-kgit", role = Role.COMMUNITY_WORKER, jurisdiction = STREET)
  void theRegisterListsMembersMasked() throws Exception {
    mvc.perform(get("/api/testing/key-groups/members").param("group", "cold-chain"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(3))
        .andExpect(jsonPath("$[0].personId").value(9711))
        .andExpect(jsonPath("$[0].workplaceName").value("冷库一号"))
        .andExpect(jsonPath("$[0].idNumber", containsString("*")));
    mvc.perform(get("/api/testing/key-groups/members").param("workplace", "W-EXPRESS"))
        .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(2));
  }

  @Test
  @Order(4)
  @WithCaller(name = "cmd-kgit", role = Role.COMMAND_CENTRE, jurisdiction = "1401")
  void aCampaignTargetsAKeyGroupAndAZonesResidents() throws Exception {
    String body = "{\"campaignId\":\"" + CAMPAIGN + "\",\"name\":\"冷链与封控区筛查\",\"kind\":\"key_group\","
        + "\"poolSize\":1,\"startsAt\":\"2026-11-21T00:00:00+08:00\",\"endsAt\":\"2026-11-24T00:00:00+08:00\","
        + "\"groups\":[\"cold-chain\"],\"persons\":[9720,9721]}";
    postJson("/api/testing/campaigns", body.replace("[\"cold-chain\"]", "[\"pilots\"]"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("unknown key group 'pilots'")));
    postJson("/api/testing/campaigns", body.replace("9721", "9999")).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("persons: unknown person 9999"));
    postJson("/api/testing/campaigns", body.replace("\"groups\":[\"cold-chain\"],\"persons\":[9720,9721]",
        "\"groups\":[]")).andExpect(status().isBadRequest());
    assertThat(jdbc.queryForObject("select count(*) from testing_campaign where campaign_id = ?", Long.class,
        CAMPAIGN)).isZero();
    postJson("/api/testing/campaigns", body).andExpect(status().isCreated())
        .andExpect(jsonPath("$.groups[0]").value("cold-chain"))
        .andExpect(jsonPath("$.persons.length()").value(2))
        .andExpect(jsonPath("$.divisions.length()").value(0));
    // away from the other tests' sites: the shared context's recalls go to the nearest active site
    postJson("/api/testing/sites", "{\"siteId\":\"KGIT-A\",\"name\":\"冷库采样点\",\"division\":\"" + STREET
        + "\",\"lat\":37.8437,\"lon\":112.5911}").andExpect(status().isOk());
    mvc.perform(get("/api/testing/campaigns/" + CAMPAIGN)).andExpect(status().isOk())
        .andExpect(jsonPath("$.persons[1]").value(9721));
  }

  @Test
  @Order(5)
  @WithCaller(name = "worker-kgit", role = Role.COMMUNITY_WORKER, jurisdiction = STREET)
  void workersAreSampledAndAntigenTestsRecorded() throws Exception {
    sample(9711, "T-KG-1", "2026-11-23T07:00").andExpect(status().isCreated());
    sample(9713, "T-KG-2", "2026-11-22T08:00").andExpect(status().isCreated());
    sample(9701, "T-KG-3", "2026-11-22T09:00").andExpect(status().isCreated());   // a visitor here
    postJson("/api/testing/antigen-tests", "[{\"personId\":9701,\"testedAt\":\"2026-11-21T08:00:00+08:00\","
        + "\"result\":\"阴性\"},{\"personId\":9998,\"testedAt\":\"2026-11-22T08:00:00+08:00\","
        + "\"result\":\"negative\"}]").andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("tests[1]: unknown person 9998"));
    postJson("/api/testing/antigen-tests", "[{\"personId\":9701,\"testedAt\":\"2026-11-21T08:00:00+08:00\","
        + "\"result\":\"阴性\"},{\"personId\":9701,\"testedAt\":\"2026-11-22T08:00:00+08:00\","
        + "\"result\":\"negative\"}]").andExpect(status().isCreated())
        .andExpect(jsonPath("$.recorded").value(2));
    assertThat(jdbc.queryForObject("select count(*) from antigen_test where person_id = 9701", Long.class))
        .isEqualTo(2);
    // the health codes know them as antigen tests: not a PCR, and a positive one turns the code
    assertThat(codes.lastNegativeTest(9701, true))
        .contains(java.time.Instant.parse("2026-11-22T00:00:00Z"));
    assertThat(codes.lastNegativeTest(9701, false)).isEmpty();
    assertThat(codes.colour(9703)).isEqualTo(CodeColour.GREEN);
    postJson("/api/testing/antigen-tests", "[{\"personId\":9703,\"testedAt\":\"2026-11-23T08:00:00+08:00\","
        + "\"result\":\"阳性\"},{\"personId\":9703,\"testedAt\":\"2026-11-23T08:30:00+08:00\","
        + "\"result\":\"invalid\"}]").andExpect(status().isCreated()).andExpect(jsonPath("$.recorded").value(2));
    assertThat(codes.colour(9703)).isEqualTo(CodeColour.RED);
    assertThat(codes.code(9703).reasons()).singleElement()
        .satisfies(r -> assertThat(r.rule().code()).isEqualTo("positive-test"));
  }

  private ResultActions sample(long person, String tube, String at) throws Exception {
    return postJson("/api/testing/samples", "{\"campaignId\":\"" + CAMPAIGN + "\",\"siteId\":\"KGIT-A\","
        + "\"tube\":\"" + tube + "\",\"personId\":" + person + ",\"sampledAt\":\"" + at + ":00+08:00\"}");
  }

  @Test
  @Order(6)
  @WithCaller(name = "cmd-kgit", role = Role.COMMAND_CENTRE, jurisdiction = "1401")
  void coverageAndTheMissedListCountTheGroupAndTheZone() throws Exception {
    // targeted: the three cold-chain workers and the two residents; the courier sampled here is a visitor
    mvc.perform(get("/api/testing/campaigns/" + CAMPAIGN + "/coverage").param("division", STREET))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total.targeted").value(5))
        .andExpect(jsonPath("$.total.sampled").value(2))
        .andExpect(jsonPath("$.total.missed").value(3));
    mvc.perform(get("/api/testing/campaigns/" + CAMPAIGN + "/missed").param("division", STREET))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(3))
        .andExpect(jsonPath("$[0].personId").value(9712))
        .andExpect(jsonPath("$[1].personId").value(9720))
        .andExpect(jsonPath("$[2].personId").value(9721));
  }

  @Test
  @Order(7)
  @WithCaller(name = "worker-kgit", role = Role.COMMUNITY_WORKER, jurisdiction = STREET)
  void complianceIsPerWorkplaceAndPersonWithTheOverdueList() throws Exception {
    mvc.perform(get("/api/testing/key-groups/compliance").param("asOf", "2026-11-23T10:00:00+08:00"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.workplaces.length()").value(2))
        .andExpect(jsonPath("$.workplaces[0].workplaceId").value("W-COLD"))
        .andExpect(jsonPath("$.workplaces[0].workplaceName").value("冷库一号"))
        .andExpect(jsonPath("$.workplaces[0].members").value(3))
        .andExpect(jsonPath("$.workplaces[0].compliant").value(1))
        .andExpect(jsonPath("$.workplaces[0].overdue").value(2))
        // 9702 joined two days ago: still in the courier's first 5-day window
        .andExpect(jsonPath("$.workplaces[1].workplaceId").value("W-EXPRESS"))
        .andExpect(jsonPath("$.workplaces[1].compliant").value(1))
        // overdue since: 9701 a courier since 11-15 (first window to 11-20 10:00, then short of PCR);
        // 9712 since its first day ended (11-21 10:00); 9713 a day after its only test (11-23 08:00)
        .andExpect(jsonPath("$.overdue.length()").value(3))
        .andExpect(jsonPath("$.overdue[0].personId").value(9701))
        .andExpect(jsonPath("$.overdue[0].since").value("2026-11-20T02:00:00Z"))
        .andExpect(jsonPath("$.overdue[1].personId").value(9712))
        .andExpect(jsonPath("$.overdue[1].since").value("2026-11-21T02:00:00Z"))
        .andExpect(jsonPath("$.overdue[2].personId").value(9713))
        .andExpect(jsonPath("$.overdue[2].since").value("2026-11-23T00:00:00Z"))
        .andExpect(jsonPath("$.overdue[0].idNumber", containsString("*")))
        .andExpect(jsonPath("$.persons[0].compliant").value(false))
        .andExpect(jsonPath("$.persons[?(@.personId == 9701)].taken.pcr").value(1))
        .andExpect(jsonPath("$.persons[?(@.personId == 9701)].taken.antigen").value(2))
        .andExpect(jsonPath("$.persons[?(@.personId == 9701)].required.pcr").value(3))
        .andExpect(jsonPath("$.persons[?(@.personId == 9711)].compliant").value(true));
    mvc.perform(get("/api/testing/key-groups/compliance").param("group", "cold-chain")
            .param("workplace", "W-COLD").param("asOf", "2026-11-23T10:00:00+08:00"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.workplaces.length()").value(1))
        .andExpect(jsonPath("$.persons.length()").value(3))
        .andExpect(jsonPath("$.overdue.length()").value(2));
    mvc.perform(get("/api/testing/key-groups/compliance").param("group", "pilots"))
        .andExpect(status().isBadRequest());
    assertThat(jdbc.queryForObject("select count(*) from audit_log where username = 'worker-kgit' and "
        + "action = 'testing.list.read'", Long.class)).isGreaterThanOrEqualTo(3);
  }

  @Test
  @Order(8)
  @WithCaller(name = "cmd-kgit", role = Role.COMMAND_CENTRE, jurisdiction = "1401")
  void removingAMemberEndsTheMembershipForTheHealthCode() throws Exception {
    assertThat(codes.colour(9712)).isEqualTo(CodeColour.YELLOW);
    mvc.perform(delete("/api/testing/key-groups/members/9712").param("group", "cold-chain"))
        .andExpect(status().isOk()).andExpect(jsonPath("$.removed[0]").value("cold-chain"));
    assertThat(codes.colour(9712)).isEqualTo(CodeColour.GREEN);
    // the campaign over cold-chain workers no longer targets 9712 (its round is rebuilt after the commit)
    mvc.perform(get("/api/testing/campaigns/" + CAMPAIGN + "/coverage").param("division", STREET))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total.targeted").value(4))
        .andExpect(jsonPath("$.total.missed").value(2));
    mvc.perform(delete("/api/testing/key-groups/members/9712")).andExpect(status().isNotFound());
    mvc.perform(delete("/api/testing/key-groups/members/9998")).andExpect(status().isNotFound());
    assertThat(members()).isEqualTo(4);
  }

  @Test
  @Order(9)
  @WithCaller(name = "worker-other", role = Role.COMMUNITY_WORKER, jurisdiction = "140202")
  void otherJurisdictionsSeeNoneOfIt() throws Exception {
    mvc.perform(get("/api/testing/key-groups/members")).andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(0));
    mvc.perform(get("/api/testing/key-groups/compliance")).andExpect(status().isOk())
        .andExpect(jsonPath("$.overdue.length()").value(0));
    mvc.perform(get("/api/testing/campaigns")).andExpect(status().isOk())
        .andExpect(jsonPath("$[*].campaignId", not(List.of(CAMPAIGN))));
  }
}
