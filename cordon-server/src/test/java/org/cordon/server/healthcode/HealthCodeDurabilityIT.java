package org.cordon.server.healthcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.healthcode.CodeColour;
import org.cordon.core.healthcode.ContactTraced;
import org.cordon.core.healthcode.HealthCodeEngine;
import org.cordon.core.healthcode.KeyGroupMembership;
import org.cordon.core.healthcode.TestResult;
import org.cordon.core.tracing.ContactCategory;
import org.cordon.server.intake.IntakeManagement;
import org.cordon.server.security.CordonWebTest;
import org.cordon.server.security.Role;
import org.cordon.server.security.WithCaller;
import org.cordon.server.support.PersonCsv;
import org.cordon.server.testing.LabResultFeed;
import org.cordon.server.testing.LabResultsRecorded;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The health codes lose nothing acknowledged and keep only what can still matter. Lab results reach
 * them through the {@link LabResultFeed} after the upload's commit, and two crashes are simulated over
 * the real upload: one in the feed before its commit (a listener that throws stands for the process dying
 * there: the results are stored, the upload is left unfed, and the start-up's catch-up feeds it), one
 * right after the feed's commit (a synchronization that fails before the health codes' after-commit
 * step: the facts are committed, the engine has not seen them, and the start-up replay ({@code rebuild})
 * turns the pool's members yellow). A rejected upload leaves no fact.
 * Pruning drops old, settled facts from the engine and moves them to the archive without changing a
 * code, also across a restart. "Now" is the FixedClock's 2026-11-23T10:00+08:00 (9th-edition preset:
 * a look-back of 10 days). Persons 12001..12199, community 140105006024, site DURIT-A and tubes
 * T-DUR-* belong to this test; the steps build on each other, in order.
 */
@CordonWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthCodeDurabilityIT {

  static final String COMMUNITY = "140105006024";
  static final String STREET = "140105006";
  static final String CAMPAIGN = "C-DURIT";

  @Autowired
  MockMvc mvc;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  IntakeManagement intake;
  @Autowired
  HealthCodeManagement codes;
  @Autowired
  ConfigurableApplicationContext context;

  @Autowired
  LabResultFeed feed;

  /** Armed: the next lab-results transaction "crashes" right after its commit. */
  private ApplicationListener<ApplicationEvent> crash;

  @BeforeAll
  void residents() {
    PersonCsv persons = new PersonCsv("居民", "1370001");
    for (long id : new long[] {12001, 12002, 12003, 12004, 12005, 12011, 12101, 12102, 12103, 12104}) {
      persons.person(id, COMMUNITY, "37.95,112.62");
    }
    persons.store(intake);
  }

  @AfterEach
  void disarm() {
    if (crash != null) {
      context.removeApplicationListener(crash);
      crash = null;
    }
  }

  /** Makes the next feed of lab results fail before its commit: what a crash there leaves behind. */
  private void crashBeforeTheNextFeedCommits() {
    crash = event -> {
      if (event instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof LabResultsRecorded) {
        throw new IllegalStateException("simulated crash before the feed's commit");
      }
    };
    context.addApplicationListener(crash);
  }

  /**
   * Makes the next feed of lab results fail right after its commit, before any other after-commit step
   * (the health codes' apply among them): what a crash at that instant leaves behind.
   */
  private void crashAfterTheNextResultsCommit() {
    crash = event -> {
      if (event instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof LabResultsRecorded) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
          @Override
          public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
          }

          @Override
          public void afterCommit() {
            throw new IllegalStateException("simulated crash after the feed's commit");
          }
        });
      }
    };
    context.addApplicationListener(crash);
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
    return postJson("/api/testing/samples", "{\"campaignId\":\"" + CAMPAIGN + "\",\"siteId\":\"DURIT-A\","
        + "\"tube\":\"" + tube + "\",\"personId\":" + person + ",\"sampledAt\":\"" + at + ":00+08:00\"}");
  }

  /** A person's fact rows: their own, and the tube rows that name them among the members. */
  private static final String OF_PERSON = "(person_id = ? or ' ' || members like ?)";

  private int facts(long person) {
    return jdbc.queryForObject("select count(*) from health_code_fact where " + OF_PERSON, Integer.class, person,
        "% " + person + "@%");
  }

  private int archived(long person) {
    return jdbc.queryForObject("select count(*) from health_code_fact_archive where " + OF_PERSON, Integer.class,
        person, "% " + person + "@%");
  }

  @Test
  @Order(1)
  @WithCaller(name = "cmd-durit", role = Role.COMMAND_CENTRE, jurisdiction = STREET)
  void aCampaignWithASite() throws Exception {
    // the community is not in the GB/T 2260 table: the campaign names its persons
    postJson("/api/testing/campaigns", "{\"campaignId\":\"" + CAMPAIGN + "\",\"name\":\"耐久性筛查\","
        + "\"kind\":\"mass\",\"startsAt\":\"2026-11-22T00:00:00+08:00\",\"endsAt\":\"2026-11-24T00:00:00+08:00\","
        + "\"persons\":[12001,12002,12003,12004,12005,12011]}").andExpect(status().isCreated());
    postJson("/api/testing/sites", "{\"siteId\":\"DURIT-A\",\"name\":\"采样点 DURIT-A\",\"division\":\""
        + STREET + "\",\"lat\":37.95,\"lon\":112.62}").andExpect(status().isOk());
  }

  @Test
  @Order(2)
  @WithCaller(name = "worker-durit", role = Role.COMMUNITY_WORKER, jurisdiction = STREET)
  void neighboursArePooled() throws Exception {
    for (long id = 12001; id <= 12003; id++) {
      sample(id, "T-DUR-P1", "2026-11-23T07:00").andExpect(status().isCreated());
    }
    sample(12011, "T-DUR-P2", "2026-11-23T07:10").andExpect(status().isCreated());
    for (long id = 12004; id <= 12005; id++) {
      sample(id, "T-DUR-P3", "2026-11-23T07:20").andExpect(status().isCreated());
    }
  }

  @Test
  @Order(3)
  @WithCaller(name = "lab-durit", role = Role.LAB, jurisdiction = "1401")
  void aRejectedUploadLeavesNoFact() throws Exception {
    results("T-DUR-P1,positive,2026-11-23T09:00:00+08:00\nT-DUR-NONE,negative,2026-11-23T09:00:00+08:00\n")
        .andExpect(status().isUnprocessableContent());
    assertThat(facts(12001)).isZero();
    assertThat(codes.colour(12001)).isEqualTo(CodeColour.GREEN);
  }

  @Test
  @Order(4)
  @WithCaller(name = "lab-durit", role = Role.LAB, jurisdiction = "1401")
  void aCrashRightAfterTheResultsCommitLosesNoFact() throws Exception {
    crashAfterTheNextResultsCommit();
    // the upload stands (its feed runs after its commit, and failed after its own)
    results("T-DUR-P1,positive,2026-11-23T09:00:00+08:00\n").andExpect(status().isOk())
        .andExpect(jsonPath("$.recalled").value(3));
    // the results are committed, and so are their facts; the upload is not marked fed (its feed died in
    // its first part, the pool's recall; the negatives' part, empty here, marks it)
    assertThat(jdbc.queryForObject("select count(*) from lab_result_upload where fed_at is null", Integer.class))
        .isEqualTo(1);
    assertThat(jdbc.queryForObject("select result from tube where barcode = 'T-DUR-P1'", String.class))
        .isEqualTo("positive");
    for (long id = 12001; id <= 12003; id++) {
      assertThat(jdbc.queryForList("select kind from health_code_fact where " + OF_PERSON, String.class, id,
          "% " + id + "@%")).as("facts of %d", id).containsExactly("pool_recall");
      // the crash window: the engine never applied them
      assertThat(codes.colour(id)).isEqualTo(CodeColour.GREEN);
    }
    // the restart: the stored facts are replayed, the members are yellow, each change recorded
    codes.rebuild();
    for (long id = 12001; id <= 12003; id++) {
      assertThat(codes.colour(id)).as("member %d after the restart", id).isEqualTo(CodeColour.YELLOW);
      assertThat(codes.code(id).reasons()).singleElement().satisfies(r -> {
        assertThat(r.rule().code()).isEqualTo("pool-recall");
        assertThat(r.textEn()).contains("tube T-DUR-P1");
      });
      assertThat(jdbc.queryForObject("select count(*) from health_code_change where person_id = ? and "
          + "colour = 'yellow' and cause like 'restart:%'", Integer.class, id)).isEqualTo(1);
    }
      // the start-up also feeds the unfed upload again: its tube's fact is replaced, no code changes
    int changes = jdbc.queryForObject("select count(*) from health_code_change", Integer.class);
    disarm();
    feed.catchUp();
    assertThat(feed.awaitIdle(java.time.Duration.ofSeconds(30))).isTrue();
    assertThat(jdbc.queryForObject("select count(*) from lab_result_upload where fed_at is null", Integer.class))
        .isZero();
    assertThat(jdbc.queryForObject("select count(*) from health_code_change", Integer.class)).isEqualTo(changes);
    for (long id = 12001; id <= 12003; id++) {
      assertThat(codes.colour(id)).isEqualTo(CodeColour.YELLOW);
    }
  }

  @Test
  @Order(5)
  @WithCaller(name = "lab-durit", role = Role.LAB, jurisdiction = "1401")
  void withoutACrashTheFactsAreAppliedAtTheCommit() throws Exception {
    codes.record(List.of(new ContactTraced(12011, ContactCategory.KEY, 12099, "venue DURIT-V",
        time("2026-11-21T20:00"), time("2026-11-22T06:00")), TestResult.negativePcr(12011,
        time("2026-11-22T07:00"))), "test");
    assertThat(codes.colour(12011)).isEqualTo(CodeColour.YELLOW);
    results("T-DUR-P2,negative,2026-11-23T09:10:00+08:00\n").andExpect(status().isOk())
        .andExpect(jsonPath("$.stored").value(true));
    // the pool's negative is 12011's second negative PCR 24 h after the first: released at once
    assertThat(codes.colour(12011)).isEqualTo(CodeColour.GREEN);
    assertThat(jdbc.queryForObject("select source from health_code_fact where " + OF_PERSON + " and kind = "
        + "'test_result' and detail like '%T-DUR-P2%'", String.class, 12011, "% 12011@%")).isEqualTo("lab-results");
  }

  @Test
  @Order(6)
  void pruningDropsOnlyWhatCanNoLongerMatterAndNoCodeChanges() {
    // 12101: one negative of a round 12 days ago (older than the 10-day look-back): forgotten;
    // 12102: the same negative, but a cold-chain worker: keeps it (overdue since it plus 24 h);
    // 12103: a close contact released 20 days ago: forgotten; 12104: a negative of yesterday: stays
    codes.record(List.of(
        new TestResult(12101, TestResult.Method.PCR, false, time("2026-11-11T08:00"), "T-DUR-OLD1"),
        new TestResult(12102, TestResult.Method.PCR, false, time("2026-11-11T08:00"), "T-DUR-OLD1"),
        new KeyGroupMembership(12102, "cold-chain", true, time("2026-10-01T00:00")),
        new ContactTraced(12103, ContactCategory.CLOSE, 12099, "venue DURIT-V", time("2026-10-20T20:00"),
            time("2026-10-21T08:00")),
        new TestResult(12104, TestResult.Method.PCR, false, time("2026-11-22T08:00"), "T-DUR-NEW1")), "test");
    codes.record(List.of(new org.cordon.core.healthcode.IsolationEnded(12103, time("2026-10-28T08:00"))), "test");
    List<String> before = new java.util.ArrayList<>();
    for (long id = 12101; id <= 12104; id++) {
      before.add(codes.code(id).colour() + " " + codes.code(id).reasons());
    }
    assertThat(before.get(1)).startsWith("YELLOW");

    HealthCodeEngine.Pruned pruned = codes.prune();
    assertThat(pruned.refused()).isZero();
    assertThat(facts(12101)).isZero();
    assertThat(archived(12101)).isEqualTo(1);
    assertThat(facts(12102)).isEqualTo(2);
    assertThat(facts(12103)).isZero();
    assertThat(archived(12103)).isEqualTo(2);
    assertThat(facts(12104)).isEqualTo(1);
    assertThat(codes.lastNegativeTest(12102, false)).contains(time("2026-11-11T08:00"));
    List<String> after = new java.util.ArrayList<>();
    for (long id = 12101; id <= 12104; id++) {
      after.add(codes.code(id).colour() + " " + codes.code(id).reasons());
    }
    assertThat(after).isEqualTo(before);

    // a restart replays only what was kept, to the same codes, and records no change
    int changes = jdbc.queryForObject("select count(*) from health_code_change", Integer.class);
    codes.rebuild();
    List<String> restarted = new java.util.ArrayList<>();
    for (long id = 12101; id <= 12104; id++) {
      restarted.add(codes.code(id).colour() + " " + codes.code(id).reasons());
    }
    assertThat(restarted).isEqualTo(before);
    assertThat(jdbc.queryForObject("select count(*) from health_code_change", Integer.class)).isEqualTo(changes);
    // and a second pass finds nothing more of these persons
    codes.prune();
    assertThat(archived(12101) + archived(12103)).isEqualTo(3);
  }

  @Test
  @Order(7)
  void aPoolsRowIsArchivedOnlyWhenNoMembersFactIsHeldAnyMore() {
    // a pool of 12 days ago: 12151 and 12152 have no other fact (their negatives kept aside), 12153
    // is a cold-chain worker, who keeps the latest old negative (their schedule counts from it)
    codes.record(List.of(new KeyGroupMembership(12153, "cold-chain", true, time("2026-10-01T00:00"))), "test");
    codes.onLabResults(new LabResultsRecorded(time("2026-11-11T12:00"), List.of(
        new LabResultsRecorded.PersonResult(12151, "T-DUR-OLD2", 10, LabResultsRecorded.Outcome.NEGATIVE,
            time("2026-11-11T08:00"), false),
        new LabResultsRecorded.PersonResult(12152, "T-DUR-OLD2", 10, LabResultsRecorded.Outcome.NEGATIVE,
            time("2026-11-11T08:01"), false),
        new LabResultsRecorded.PersonResult(12153, "T-DUR-OLD2", 10, LabResultsRecorded.Outcome.NEGATIVE,
            time("2026-11-11T08:02"), false))));
    String row = "select count(*) from %s where kind = 'test_result' and detail like '%%T-DUR-OLD2%%' and "
        + "person_id is null and members like '12151@%% 12152@%% 12153@%%'";
    assertThat(jdbc.queryForObject(row.formatted("health_code_fact"), Integer.class)).as("one row for the pool")
        .isEqualTo(1);
    assertThat(codes.lastNegativeTest(12151, false)).contains(time("2026-11-11T08:00"));
    assertThat(codes.lastNegativeTest(12153, false)).contains(time("2026-11-11T08:02"));
    String before = codes.code(12153).colour() + " " + codes.code(12153).reasons();

    codes.prune();
    // 12151's and 12152's negatives are past the horizon, 12153's still counts: the row stays
    assertThat(codes.lastNegativeTest(12151, false)).isEmpty();
    assertThat(jdbc.queryForObject(row.formatted("health_code_fact"), Integer.class)).isEqualTo(1);
    // a restart replays the row (and prunes, as the server does at start): the same again
    codes.rebuild();
    codes.prune();
    assertThat(jdbc.queryForObject(row.formatted("health_code_fact"), Integer.class)).isEqualTo(1);
    assertThat(codes.lastNegativeTest(12153, false)).contains(time("2026-11-11T08:02"));
    assertThat(codes.lastNegativeTest(12152, false)).as("replayed, and past the horizon").isEmpty();
    assertThat(codes.code(12153).colour() + " " + codes.code(12153).reasons()).isEqualTo(before);

    // 12153 leaves the group: the old negative no longer counts for anyone, and the row goes
    codes.record(List.of(new KeyGroupMembership(12153, "cold-chain", false, time("2026-11-23T00:00"))), "test");
    codes.prune();
    assertThat(jdbc.queryForObject(row.formatted("health_code_fact"), Integer.class)).isZero();
    assertThat(jdbc.queryForObject(row.formatted("health_code_fact_archive"), Integer.class)).isEqualTo(1);
    assertThat(codes.lastNegativeTest(12153, false)).isEmpty();
  }

  @Test
  @Order(8)
  void aLargeUploadsTubeRowsAreStoredInOneGoAndReplayTheSame() {
    // 2,100 tube rows (on PostgreSQL: drawn ids and COPY), ten persons in turn, the last a positive pool
    Instant start = time("2026-11-22T08:00");
    List<LabResultsRecorded.PersonResult> results = new java.util.ArrayList<>();
    for (int i = 0; i < 2100; i++) {
      results.add(new LabResultsRecorded.PersonResult(12160 + i % 10, "T-DUR-BULK-" + i, 10,
          i == 2099 ? LabResultsRecorded.Outcome.POOL_POSITIVE : LabResultsRecorded.Outcome.NEGATIVE,
          start.plusSeconds(i).plusNanos(i % 2 == 0 ? 0 : 123_456_000), false));
    }
    int rowsBefore = jdbc.queryForObject("select count(*) from health_code_fact", Integer.class);
    codes.onLabResults(new LabResultsRecorded(time("2026-11-22T12:00"), results));
    assertThat(jdbc.queryForObject("select count(*) from health_code_fact", Integer.class) - rowsBefore)
        .isEqualTo(2100);
    assertThat(jdbc.queryForObject("select count(distinct fact_id) from health_code_fact where detail like "
        + "'%T-DUR-BULK-%' and person_id is null and source = 'lab-results'", Integer.class)).isEqualTo(2100);
    // the sample time to the microsecond, and the cause names the recall's own row
    assertThat(codes.lastNegativeTest(12161, false)).contains(start.plusSeconds(2091).plusNanos(123_456_000));
    assertThat(codes.colour(12169)).isEqualTo(CodeColour.YELLOW);
    long recallRow = jdbc.queryForObject("select fact_id from health_code_fact where kind = 'pool_recall' and "
        + "detail like '%T-DUR-BULK-2099\"%'", Long.class);
    assertThat(jdbc.queryForObject("select cause from health_code_change where person_id = 12169 order by "
        + "change_id desc limit 1", String.class)).isEqualTo("fact " + recallRow + " pool_recall");
    codes.rebuild();
    assertThat(codes.lastNegativeTest(12161, false)).contains(start.plusSeconds(2091).plusNanos(123_456_000));
    assertThat(codes.lastNegativeTest(12160, false)).contains(start.plusSeconds(2090));
    assertThat(codes.colour(12169)).isEqualTo(CodeColour.YELLOW);
    assertThat(codes.code(12169).reasons()).singleElement().satisfies(r ->
        assertThat(r.textEn()).contains("tube T-DUR-BULK-2099"));
  }

  @Test
  @Order(20)
  @WithCaller(name = "lab-durit", role = Role.LAB, jurisdiction = "1401")
  void aCrashBeforeTheFeedLosesNoResult() throws Exception {
    crashBeforeTheNextFeedCommits();
    results("T-DUR-P3,positive,2026-11-23T09:30:00+08:00\n").andExpect(status().isOk())
        .andExpect(jsonPath("$.recalled").value(2));
    // stored and recalled, but not fed: no fact, the codes unchanged, the upload waiting for its feed
    assertThat(jdbc.queryForObject("select result from tube where barcode = 'T-DUR-P3'", String.class))
        .isEqualTo("positive");
    assertThat(jdbc.queryForObject("select count(*) from testing_task where tube_barcode = 'T-DUR-P3' and "
        + "kind = 'recall' and status = 'open'", Integer.class)).isEqualTo(2);
    assertThat(jdbc.queryForObject("select count(*) from lab_result_upload where fed_at is null", Integer.class))
        .isEqualTo(1);
    for (long id = 12004; id <= 12005; id++) {
      assertThat(facts(id)).isZero();
      assertThat(codes.colour(id)).isEqualTo(CodeColour.GREEN);
    }
    // the restart: the start-up feeds what was left unfed
    disarm();
    feed.catchUp();
    assertThat(feed.awaitIdle(java.time.Duration.ofSeconds(30))).isTrue();
    for (long id = 12004; id <= 12005; id++) {
      assertThat(codes.colour(id)).as("member %d after the catch-up", id).isEqualTo(CodeColour.YELLOW);
      assertThat(codes.code(id).reasons()).singleElement().satisfies(r -> assertThat(r.textEn())
          .contains("tube T-DUR-P3"));
    }
    assertThat(jdbc.queryForObject("select count(*) from lab_result_upload where fed_at is null", Integer.class))
        .isZero();
    // a second catch-up (another restart) finds nothing to feed and changes nothing
    int facts = facts(12004);
    feed.catchUp();
    assertThat(feed.awaitIdle(java.time.Duration.ofSeconds(30))).isTrue();
    assertThat(facts(12004)).isEqualTo(facts);
  }
}
