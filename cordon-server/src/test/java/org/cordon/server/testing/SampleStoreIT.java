package org.cordon.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.testing.SamplingRound;
import org.cordon.server.intake.IntakeManagement;
import org.cordon.server.security.Caller;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sample table has no foreign keys (V11): its insert checks the tube half of them, the registration's
 * checks the person half (each person comes from a round's population or from the person table, and
 * nothing deletes persons). A sample is stored only if its tube exists with the sample's campaign and
 * site, and a batch with any row left out rolls back whole and is answered by the exact path, line by
 * line. Persons 13000..13019 (community
 * 140105006026, targeted by id), campaign C-STOREIT, sites STOREIT-A and STOREIT-B and tubes ST-* belong to this test;
 * the steps build on each other, in order.
 */
@CordonWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleStoreIT {

  static final String COMMUNITY = "140105006026";
  static final String STREET = "140105006";
  static final String CAMPAIGN = "C-STOREIT";
  static final String HEADER = "campaign,site,tube,person_id,sampled_at\n";
  static final Instant SAMPLED = Instant.parse("2026-11-23T00:00:00Z");
  static final Caller WORKER = new Caller("worker-storeit", "采样员", Role.COMMUNITY_WORKER,
      new DivisionCode(STREET), null);

  @Autowired
  MockMvc mvc;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  IntakeManagement intake;
  @Autowired
  SampleRecords records;
  @Autowired
  RoundSnapshots rounds;
  @Autowired
  CampaignManagement campaigns;
  @Autowired
  PlatformTransactionManager transactions;

  @BeforeAll
  void persons() {
    PersonCsv csv = new PersonCsv("居民", "1370000");
    for (long id = 13000; id < 13020; id++) {
      csv.person(id, COMMUNITY, "37.85,112.55");
    }
    csv.store(intake);
  }

  private ResultActions postJson(String path, String body) throws Exception {
    return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body));
  }

  private ResultActions upload(String rows) throws Exception {
    return mvc.perform(post("/api/testing/samples").contentType("text/csv").content(HEADER + rows));
  }

  private static String row(String tube, long person) {
    return CAMPAIGN + ",STOREIT-A," + tube + "," + person + ",2026-11-23T08:00:00+08:00\n";
  }

  private long count(String sql, Object... params) {
    return jdbc.queryForObject(sql, Long.class, params);
  }

  private SamplingRound round() {
    return rounds.round(campaigns.require(WORKER, CAMPAIGN));
  }

  private static SampleRecords.NewSample sample(String campaign, long person, String tube, String site) {
    return new SampleRecords.NewSample(campaign, person, "screen", tube, site, SAMPLED, "test");
  }

  /** Inserts {@code samples} in a transaction that rolls back; returns what the insert said. */
  private boolean insertRolledBack(SampleRecords.NewSample... samples) {
    return Boolean.TRUE.equals(new TransactionTemplate(transactions).execute(status -> {
      status.setRollbackOnly();
      return records.insertSamples(List.of(samples));
    }));
  }

  @Test
  @Order(1)
  @WithCaller(name = "cmd-storeit", role = Role.COMMAND_CENTRE, jurisdiction = "1401")
  void aCampaignTwoSitesAndATube() throws Exception {
    // the test's community is not in the shipped division tree: the campaign targets its persons
    List<String> persons = new java.util.ArrayList<>();
    for (long id = 13000; id < 13020; id++) {
      persons.add(Long.toString(id));
    }
    postJson("/api/testing/campaigns", "{\"campaignId\":\"" + CAMPAIGN + "\",\"name\":\"存储检查\","
        + "\"kind\":\"mass\",\"startsAt\":\"2026-11-22T00:00:00+08:00\","
        + "\"endsAt\":\"2026-11-24T00:00:00+08:00\",\"persons\":[" + String.join(",", persons) + "]}")
        .andExpect(status().isCreated());
    for (String site : List.of("STOREIT-A", "STOREIT-B")) {
      postJson("/api/testing/sites", "{\"siteId\":\"" + site + "\",\"name\":\"采样点\",\"division\":\""
          + STREET + "\",\"lat\":37.85,\"lon\":112.55}").andExpect(status().isOk());
    }
    postJson("/api/testing/tubes", "{\"campaignId\":\"" + CAMPAIGN + "\",\"siteId\":\"STOREIT-A\","
        + "\"barcodes\":[\"ST-1\"]}").andExpect(status().isCreated());
  }

  @Test
  @Order(2)
  void theInsertStoresOnlySamplesWhoseTubeMatches() {
    assertThat(insertRolledBack(sample(CAMPAIGN, 13000, "ST-1", "STOREIT-A"))).isTrue();
    assertThat(insertRolledBack(sample(CAMPAIGN, 13001, "ST-1", "STOREIT-B")))
        .as("the tube is at another site").isFalse();
    assertThat(insertRolledBack(sample("C-STOREIT-OTHER", 13001, "ST-1", "STOREIT-A")))
        .as("the tube is of another campaign").isFalse();
    assertThat(insertRolledBack(sample(CAMPAIGN, 13001, "ST-NONE", "STOREIT-A")))
        .as("no such tube").isFalse();
    assertThat(insertRolledBack(sample(CAMPAIGN, 13000, "ST-1", "STOREIT-A"),
        sample(CAMPAIGN, 13001, "ST-1", "STOREIT-B"))).as("one tube, two sites in one batch").isFalse();
    assertThat(count("select count(*) from sample where campaign_id like 'C-STOREIT%'")).isZero();
  }

  @Test
  @Order(3)
  @WithCaller(name = "worker-storeit", role = Role.COMMUNITY_WORKER, jurisdiction = STREET)
  void aBatchWhoseTubeMovedBehindTheRoundsBackIsRolledBackWhole() throws Exception {
    upload(row("ST-1", 13000) + row("ST-1", 13001)).andExpect(status().isOk());
    SamplingRound before = round();
    int samples = before.sampleCount();
    // memory still has ST-1 at site A; the table (changed by hand) has it at B
    jdbc.update("update tube set site_id = 'STOREIT-B' where barcode = 'ST-1'");
    try {
      upload(row("ST-2", 13010) + row("ST-2", 13011) + row("ST-1", 13012))
          .andExpect(status().isUnprocessableContent())
          .andExpect(jsonPath("$.stored").value(false))
          .andExpect(jsonPath("$.errors.length()").value(1))
          .andExpect(jsonPath("$.errors[0].line").value(4))   // the header is line 1
          .andExpect(jsonPath("$.errors[0].reason", containsString("tube ST-1 belongs to campaign "
              + CAMPAIGN + " at site STOREIT-B")));
    } finally {
      jdbc.update("update tube set site_id = 'STOREIT-A' where barcode = 'ST-1'");
    }
    assertThat(count("select count(*) from tube where barcode = 'ST-2'")).isZero();
    assertThat(count("select samples from tube where barcode = 'ST-1'")).isEqualTo(2);
    assertThat(count("select count(*) from sample where person_id in (13010, 13011, 13012)")).isZero();
    assertThat(round().sampleCount()).isEqualTo(samples);
    assertThat(round().sampleTube(13010, false)).isNull();
  }

  @Test
  @Order(4)
  void storedRowsKeepTheirExactTimeAndCollectorAndTwoBatchesOfOneTransactionBothLand() {
    Instant at = Instant.parse("2026-11-23T01:02:03.456789Z");
    String by = "采样员\t\\N \"x\",\r\n";
    List<Object[]> stored = new TransactionTemplate(transactions).execute(status -> {
      status.setRollbackOnly();
      assertThat(records.insertSamples(List.of(new SampleRecords.NewSample(CAMPAIGN, 13015, "screen",
          "ST-1", "STOREIT-A", at, by)))).isTrue();
      // the staging of the first batch (PostgreSQL) must not reach the second
      assertThat(records.insertSamples(List.of(sample(CAMPAIGN, 13016, "ST-1", "STOREIT-A"),
          sample(CAMPAIGN, 13017, "ST-1", "STOREIT-A")))).isTrue();
      return jdbc.query("select person_id, sampled_at, collected_by from sample where person_id in "
          + "(13015, 13016, 13017) order by person_id", (rs, n) -> new Object[] {rs.getLong(1),
              rs.getObject(2, java.time.OffsetDateTime.class).toInstant(), rs.getString(3)});
    });
    assertThat(stored).hasSize(3);
    assertThat(stored.get(0)).containsExactly(13015L, at, by);
    assertThat(stored.get(1)).containsExactly(13016L, SAMPLED, "test");
    assertThat(stored.get(2)).containsExactly(13017L, SAMPLED, "test");
    assertThat(count("select count(*) from sample where person_id in (13015, 13016, 13017)")).isZero();
  }
}
