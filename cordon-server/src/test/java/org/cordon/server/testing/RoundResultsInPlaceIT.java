package org.cordon.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * A new campaign's round is built in the background once the campaign is stored. Lab results are
 * applied to the campaign's in-memory round in place (no rebuild after an upload, so
 * the first coverage call after a city's results is not a rebuild of millions of rows), and the round
 * they leave equals the one rebuilt from the tables: negatives, a positive pool and its recalls,
 * corrections (a positive pool corrected away cancels its recalls; a negative withdrawn as invalid), an
 * invalid tube corrected, single-tube retests (one positive: a case), duplicates; also with
 * registrations of the same campaign running beside the uploads. (Not compared: a pool corrected away
 * from positive after some of its persons were retested. The rebuild replays every screening result
 * before any retest, so it refuses those retests, which the round kept in place still holds.) Persons 14000..14069 (温家堡
 * community), campaign C-RIP, site RIP-A and tubes P-*, RR-*, Q-* belong to this test; the steps build on
 * each other, in order. Steps 2 and 3 store their results by the staged path of a city's upload
 * (COPY into a temporary table, then joins: {@link ResultRecords#STAGED_FROM}), step 4 by arrays.
 */
@CordonWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoundResultsInPlaceIT {

  static final String COMMUNITY = "140105006015";
  static final String STREET = "140105006";
  static final String CAMPAIGN = "C-RIP";
  static final Caller WORKER = new Caller("worker-rip", "采样员", Role.COMMUNITY_WORKER,
      new DivisionCode(STREET), null);
  static final Caller LAB = new Caller("lab-rip", "检测机构", Role.LAB, new DivisionCode("1401"), null);

  @Autowired
  MockMvc mvc;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  IntakeManagement intake;
  @Autowired
  SampleRegistration registration;
  @Autowired
  ResultIntake results;
  @Autowired
  RoundSnapshots rounds;
  @Autowired
  ResultRecords records;
  @Autowired
  CampaignManagement campaigns;

  /** The round the uploads must keep (built once, before the first result). */
  private SamplingRound kept;

  @BeforeAll
  void persons() {
    PersonCsv csv = new PersonCsv("居民", "1380000");
    for (long id = 14000; id < 14070; id++) {
      csv.person(id, COMMUNITY, "37.83,112.57");
    }
    csv.store(intake);
  }

  private SamplingRound round() {
    return rounds.round(campaigns.require(WORKER, CAMPAIGN));
  }

  private ResultActions postJson(String path, String body) throws Exception {
    return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body));
  }

  private void sample(long person, String tube, String at) {
    registration.register(WORKER, new SampleRequest(CAMPAIGN, "RIP-A", tube, person, null, at, null));
  }

  private ResultReport upload(String... rows) {
    List<LabResult> list = new ArrayList<>();
    for (String row : rows) {
      String[] f = row.split(",");
      list.add(new LabResult(list.size() + 2, f[0], f[1], Instant.parse(f[2]), "迪安"));
    }
    ResultReport report = results.apply(LAB, list, "csv");
    assertThat(report.errors()).isEmpty();
    return report;
  }

  /** What the board and the registrations read of a round, as comparable values. */
  private static Map<String, Object> state(SamplingRound r) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("community", r.coverage().of(new DivisionCode(COMMUNITY)));
    s.put("total", r.coverage().total());
    s.put("recalls", r.recallList());
    s.put("positives", r.positives());
    s.put("samples", r.sampleCount());
    s.put("tubes", r.tubeCount());
    for (long id = 14000; id < 14070; id++) {
      s.put("person " + id, r.status(id) + " " + r.sampleTube(id, false) + " " + r.sampleTube(id, true));
    }
    for (String t : List.of("P-1", "P-2", "P-3", "P-4", "P-5", "RR-1", "RR-2", "RR-3", "Q-1", "Q-2", "Q-3")) {
      s.put("tube " + t, r.tube(t));
    }
    return s;
  }

  /** The round rebuilt from the tables, for comparison; the kept one stays the deployment's. */
  private Map<String, Object> rebuilt() {
    rounds.invalidate(CAMPAIGN);
    return state(round());
  }

  @Test
  @Order(1)
  @WithCaller(name = "cmd-rip", role = Role.COMMAND_CENTRE, jurisdiction = "1401")
  void aCampaignASiteAndFivePools() throws Exception {
    postJson("/api/testing/campaigns", "{\"campaignId\":\"" + CAMPAIGN + "\",\"name\":\"温家堡全员核酸\","
        + "\"kind\":\"mass\",\"startsAt\":\"2026-11-22T00:00:00+08:00\","
        + "\"endsAt\":\"2026-11-24T00:00:00+08:00\",\"divisions\":[\"" + COMMUNITY + "\"]}")
        .andExpect(status().isCreated());
    postJson("/api/testing/sites", "{\"siteId\":\"RIP-A\",\"name\":\"温家堡采样点\",\"division\":\""
        + STREET + "\",\"lat\":37.83,\"lon\":112.57}").andExpect(status().isOk())
        .andExpect(jsonPath("$.siteId").value("RIP-A"));
    // built in the background once the campaign is committed, before anybody asks for it
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (rounds.current(CAMPAIGN) == null && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(rounds.current(CAMPAIGN)).as("the round, built ahead").isNotNull();
    assertThat(rounds.current(CAMPAIGN).targetedCount()).isEqualTo(70);
    for (long id = 14000; id < 14048; id++) {
      // P-5 ends with 8 of 10: still open when its result comes
      sample(id, "P-" + (1 + (id - 14000) / 10), "2026-11-23T08:00:0" + (id % 10) + "+08:00");
    }
    kept = round();
    assertThat(kept.sampleCount()).isEqualTo(48);
  }

  @Test
  @Order(2)
  void resultsAreAppliedInPlace() {
    staged(this::resultsAreAppliedInPlaceStaged);
  }

  /** Runs {@code steps} with every upload on the staged path (on PostgreSQL; H2 has none). */
  private void staged(Runnable steps) {
    int arraysUpTo = records.stageFrom(1);
    try {
      steps.run();
    } finally {
      records.stageFrom(arraysUpTo);
    }
  }

  private void resultsAreAppliedInPlaceStaged() {
    upload("P-1,negative,2026-11-23T01:00:00Z", "P-2,positive,2026-11-23T01:00:00Z",
        "P-3,invalid,2026-11-23T01:00:00Z", "P-4,negative,2026-11-23T01:00:00Z",
        "P-5,negative,2026-11-23T01:05:00Z");
    assertThat(round()).as("not rebuilt").isSameAs(kept);
    assertThat(kept.recallList()).as("P-2 positive, P-3 invalid").hasSize(20);
    assertThat(kept.tube("P-5").isOpen()).as("closed by its result, as in the table").isFalse();
    // the health codes' rows name the members (taken from the round) with the tables' sample times
    for (String tube : List.of("P-1", "P-5")) {
      assertThat(jdbc.queryForObject("select members from health_code_fact where kind = 'test_result' "
          + "and detail like ?", String.class, "%\"tube\":\"" + tube + "\"%"))
          .isEqualTo(String.join(" ", jdbc.queryForList("select person_id || '@' || extract(epoch from "
          + "sampled_at)::bigint from sample where tube_barcode = ? order by person_id", String.class, tube)));
    }
    assertThat(state(kept)).isEqualTo(rebuilt());
  }

  @Test
  @Order(3)
  void correctionsDuplicatesAndRetestsToo() {
    staged(this::correctionsDuplicatesAndRetestsStaged);
  }

  private void correctionsDuplicatesAndRetestsStaged() {
    kept = round();
    upload("P-1,negative,2026-11-23T01:00:00Z", "P-4,positive,2026-11-23T02:00:00Z",
        "P-3,negative,2026-11-23T02:00:00Z");
    assertThat(round()).isSameAs(kept);
    assertThat(kept.recallList()).as("P-2 and P-4 positive").hasSize(20);
    sample(14010, "RR-1", "2026-11-23T11:00:00+08:00");
    sample(14011, "RR-2", "2026-11-23T11:00:00+08:00");
    sample(14030, "RR-3", "2026-11-23T11:00:00+08:00");
    assertThat(round()).as("registrations keep it too").isSameAs(kept);
    upload("RR-1,negative,2026-11-23T04:00:00Z", "RR-2,positive,2026-11-23T04:00:00Z",
        "RR-3,negative,2026-11-23T04:00:00Z");
    assertThat(round()).isSameAs(kept);
    assertThat(kept.positives()).extracting(p -> p.personId()).containsExactly(14011L);
    assertThat(state(kept)).isEqualTo(rebuilt());
  }

  @Test
  @Order(4)
  void uploadsBesideRegistrationsOfTheSameCampaignWaitForEachOther() throws Exception {
    kept = round();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> samples = pool.submit(() -> {
        for (long id = 14048; id < 14070; id++) {
          sample(id, id < 14058 ? "Q-1" : id < 14068 ? "Q-2" : "Q-3", "2026-11-23T12:00:00+08:00");
        }
      });
      Future<?> labs = pool.submit(() -> {
        upload("P-3,positive,2026-11-23T06:00:00Z");
        upload("P-3,negative,2026-11-23T06:30:00Z");
        upload("P-1,invalid,2026-11-23T06:40:00Z");
      });
      samples.get(60, TimeUnit.SECONDS);
      labs.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    upload("Q-1,negative,2026-11-23T07:00:00Z", "Q-2,positive,2026-11-23T07:00:00Z");
    assertThat(round()).isSameAs(kept);
    assertThat(kept.sampleCount()).isEqualTo(48 + 3 + 22);
    assertThat(state(kept)).isEqualTo(rebuilt());
  }
}
