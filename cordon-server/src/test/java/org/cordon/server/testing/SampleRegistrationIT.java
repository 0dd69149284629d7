package org.cordon.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

/**
 * Sample registration against the in-memory round: accepted uploads are applied to the round in place
 * (no rebuild), a refused batch changes neither the tables nor the round, a batch the tables refuse
 * after memory passed it (a tube closed behind the round's back) is rolled back and answered by the
 * exact path, a person stored during the round joins it, and concurrent registrations of one campaign
 * never overfill a tube nor sample a person twice. Persons 10000..10299 (电子街 community; 10290..10298
 * are stored during the round; 10299 lives in 大同, a visitor), campaign C-REGIT, site REGIT-A and
 * tubes R-* belong to this test; the steps build on each other, in order.
 */
@CordonWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleRegistrationIT {

  static final String COMMUNITY = "140105006021";
  static final String STREET = "140105006";
  static final String CAMPAIGN = "C-REGIT";
  static final long VISITOR = 10299;
  /** Persons from here to the visitor are stored during the round. */
  static final long LATE = 10290;
  static final String HEADER = "campaign,site,tube,person_id,sampled_at\n";
  static final Caller WORKER = new Caller("worker-regit", "采样员", Role.COMMUNITY_WORKER,
      new DivisionCode(STREET), null);

  @Autowired
  MockMvc mvc;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  IntakeManagement intake;
  @Autowired
  SampleRegistration registration;
  @Autowired
  RoundSnapshots rounds;
  @Autowired
  CampaignManagement campaigns;

  @BeforeAll
  void persons() {
    PersonCsv csv = new PersonCsv("居民", "1380000");
    for (long id = 10000; id < LATE; id++) {
      csv.person(id, COMMUNITY, "37.85,112.55");
    }
    csv.person(VISITOR, "140202001001", "40.0,113.3").store(intake);
  }

  private ResultActions postJson(String path, String body) throws Exception {
    return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body));
  }

  private ResultActions upload(String rows) throws Exception {
    return mvc.perform(post("/api/testing/samples").contentType("text/csv").content(HEADER + rows));
  }

  private static String row(String tube, long person) {
    return CAMPAIGN + ",REGIT-A," + tube + "," + person + ",2026-11-23T08:00:00+08:00\n";
  }

  private SamplingRound round() {
    return rounds.round(campaigns.require(WORKER, CAMPAIGN));
  }

  private long count(String sql, Object... params) {
    return jdbc.queryForObject(sql, Long.class, params);
  }

  @Test
  @Order(1)
  @WithCaller(name = "cmd-regit", role = Role.COMMAND_CENTRE, jurisdiction = "1401")
  void aCampaignAndASite() throws Exception {
    postJson("/api/testing/campaigns", "{\"campaignId\":\"" + CAMPAIGN + "\",\"name\":\"电子街全员核酸\","
        + "\"kind\":\"mass\",\"startsAt\":\"2026-11-22T00:00:00+08:00\","
        + "\"endsAt\":\"2026-11-24T00:00:00+08:00\",\"divisions\":[\"" + COMMUNITY + "\"]}")
        .andExpect(status().isCreated());
    postJson("/api/testing/sites", "{\"siteId\":\"REGIT-A\",\"name\":\"电子街采样点\",\"division\":\""
        + STREET + "\",\"lat\":37.85,\"lon\":112.55}").andExpect(status().isOk());
  }

  @Test
  @Order(2)
  @WithCaller(name = "worker-regit", role = Role.COMMUNITY_WORKER, jurisdiction = STREET)
  void anAcceptedUploadIsAppliedToTheRoundInPlace() throws Exception {
    SamplingRound before = round();
    assertThat(before.targetedCount()).isEqualTo(290);
    StringBuilder rows = new StringBuilder();
    for (long id = 10000; id < 10015; id++) {
      rows.append(row(id < 10010 ? "R-1" : "R-2", id));
    }
    upload(rows.toString()).andExpect(status().isOk()).andExpect(jsonPath("$.accepted").value(15));
    SamplingRound after = round();
    assertThat(after).as("not rebuilt").isSameAs(before);
    assertThat(after.sampleCount()).isEqualTo(15);
    assertThat(after.sampleTube(10003, false)).isEqualTo("R-1");
    assertThat(after.tube("R-1").isOpen()).isFalse();
    assertThat(after.tube("R-2").persons()).hasSize(5);
    assertThat(count("select samples from tube where barcode = 'R-2'")).isEqualTo(5);
    // the next upload continues R-2 from memory
    upload(row("R-2", 10015)).andExpect(status().isOk());
    assertThat(round()).isSameAs(before);
    assertThat(count("select samples from tube where barcode = 'R-2'")).isEqualTo(6);
    assertThat(round().tube("R-2").persons()).hasSize(6);
  }

  @Test
  @Order(3)
  @WithCaller(name = "worker-regit", role = Role.COMMUNITY_WORKER, jurisdiction = STREET)
  void aRefusedBatchChangesNeitherTheTablesNorTheRound() throws Exception {
    SamplingRound before = round();
    int samples = before.sampleCount();
    upload(row("R-3", 10020) + row("R-3", 10021) + row("R-3", 10003) + row("R-1", 10022)
        + row("R-3", 9_999_999))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.stored").value(false))
        .andExpect(jsonPath("$.errors.length()").value(3))
        .andExpect(jsonPath("$.errors[0].line").value(4))
        .andExpect(jsonPath("$.errors[0].reason", containsString("already sampled")))
        .andExpect(jsonPath("$.errors[1].line").value(5))
        .andExpect(jsonPath("$.errors[1].reason", containsString("full")))
        .andExpect(jsonPath("$.errors[2].line").value(6))
        .andExpect(jsonPath("$.errors[2].reason", containsString("no person")));
    assertThat(count("select count(*) from tube where barcode = 'R-3'")).isZero();
    assertThat(count("select count(*) from sample where person_id in (10020, 10021, 10022)")).isZero();
    assertThat(round()).isSameAs(before);
    assertThat(round().sampleCount()).isEqualTo(samples);
    assertThat(round().sampleTube(10020, false)).isNull();
    assertThat(round().tube("R-3")).isNull();
  }

  @Test
  @Order(4)
  @WithCaller(name = "worker-regit", role = Role.COMMUNITY_WORKER, jurisdiction = STREET)
  void aTubeClosedBehindTheRoundsBackIsRolledBackAndAnsweredExactly() throws Exception {
    SamplingRound before = round();
    int samples = before.sampleCount();
    // memory still sees R-2 open with 6 samples; the table says closed (no event told the round)
    jdbc.update("update tube set closed_at = opened_at where barcode = 'R-2'");
    upload(row("R-4", 10030) + row("R-2", 10031))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.errors.length()").value(1))
        .andExpect(jsonPath("$.errors[0].line").value(3))
        .andExpect(jsonPath("$.errors[0].reason", containsString("closed")));
    assertThat(count("select count(*) from tube where barcode = 'R-4'")).isZero();
    assertThat(count("select samples from tube where barcode = 'R-2'")).isEqualTo(6);
    assertThat(count("select count(*) from sample where person_id in (10030, 10031)")).isZero();
    assertThat(round().sampleCount()).isEqualTo(samples);
    assertThat(round().sampleTube(10030, false)).isNull();
  }

  @Test
  @Order(5)
  void concurrentSamplesIntoOneTubeNeverOverfillIt() throws Exception {
    List<Callable<Boolean>> calls = new ArrayList<>();
    for (long id = 10100; id < 10116; id++) {
      long person = id;
      calls.add(() -> {
        try {
          registration.register(WORKER, new SampleRequest(CAMPAIGN, "REGIT-A", "R-C", person, null,
              "2026-11-23T09:00:00+08:00", null));
          return true;
        } catch (TestingProblem e) {
          assertThat(e.getMessage()).contains("full");
          return false;
        }
      });
    }
    assertThat(run(calls)).isEqualTo(10);
    assertThat(count("select samples from tube where barcode = 'R-C'")).isEqualTo(10);
    Set<Long> stored = new HashSet<>(jdbc.queryForList(
        "select person_id from sample where tube_barcode = 'R-C'", Long.class));
    assertThat(stored).hasSize(10);
    assertThat(new HashSet<>(round().tube("R-C").persons())).isEqualTo(stored);
  }

  @Test
  @Order(6)
  void concurrentUploadsOfOnePersonSampleHerOnce() throws Exception {
    List<Callable<Boolean>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String csv = HEADER + row("R-P" + i, 10200) + row("R-P" + i, 10201 + i);
      calls.add(() -> registration.upload(WORKER,
          new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))).stored());
    }
    assertThat(run(calls)).isEqualTo(1);
    String tube = jdbc.queryForObject("select tube_barcode from sample where person_id = 10200",
        String.class);
    assertThat(round().sampleTube(10200, false)).isEqualTo(tube);
    assertThat(count("select count(*) from sample where person_id between 10201 and 10208")).isOne();
    assertThat(round().tube(tube).persons()).hasSize(2);
  }

  private static int run(List<Callable<Boolean>> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      int ok = 0;
      for (Future<Boolean> f : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) {
        ok += f.get() ? 1 : 0;
      }
      return ok;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Order(7)
  @WithCaller(name = "worker-regit", role = Role.COMMUNITY_WORKER, jurisdiction = STREET)
  void aVisitorIsSampledOnceOutsideTheRound() throws Exception {
    SamplingRound before = round();
    upload(row("R-V", VISITOR) + row("R-V", 10040)).andExpect(status().isOk());
    assertThat(round()).isSameAs(before);
    assertThat(round().sampleTube(10040, false)).isEqualTo("R-V");
    assertThat(round().isTargeted(VISITOR)).isFalse();
    upload(row("R-V2", VISITOR)).andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.errors[0].reason", containsString("already sampled")));
    // the round does not count the visitor in R-V; the table does, and holds the line at 10
    StringBuilder rows = new StringBuilder();
    for (long id = 10041; id < 10050; id++) {
      rows.append(row("R-V", id));
    }
    upload(rows.toString()).andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.errors[0].line").value(10))
        .andExpect(jsonPath("$.errors[0].reason", containsString("full")));
    assertThat(count("select samples from tube where barcode = 'R-V'")).isEqualTo(2);
  }

  @Test
  @Order(8)
  @WithCaller(name = "worker-regit", role = Role.COMMUNITY_WORKER, jurisdiction = STREET)
  void aPersonStoredDuringTheRoundJoinsIt() throws Exception {
    SamplingRound before = round();
    new PersonCsv("居民", "1380000").person(LATE, COMMUNITY, "37.85,112.55").store(intake);
    SamplingRound rebuilt = round();
    assertThat(rebuilt).isNotSameAs(before);
    assertThat(rebuilt.targetedCount()).isEqualTo(291);
    upload(row("R-L", LATE)).andExpect(status().isOk());
    assertThat(round()).isSameAs(rebuilt);
    assertThat(round().sampleTube(LATE, false)).isEqualTo("R-L");
  }
}
