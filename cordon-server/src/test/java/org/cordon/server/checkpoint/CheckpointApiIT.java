package org.cordon.server.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.cordon.core.exchange.RecordKind;
import org.cordon.core.healthcode.CodeColour;
import org.cordon.core.healthcode.CodeTokenIssuer;
import org.cordon.core.healthcode.CodeTokenKeys;
import org.cordon.core.healthcode.PersonPseudonyms;
import org.cordon.core.healthcode.TestResult;
import org.cordon.core.healthcode.ZoneMembership;
import org.cordon.core.place.DivisionCode;
import org.cordon.server.healthcode.CodeTokens;
import org.cordon.server.healthcode.HealthCodeManagement;
import org.cordon.server.intake.IntakeManagement;
import org.cordon.server.security.ApiTokens;
import org.cordon.server.security.CordonWebTest;
import org.cordon.server.security.FixedClock;
import org.cordon.server.security.Residents;
import org.cordon.server.security.Role;
import org.cordon.server.support.Ingest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The venue checkpoint over REST: allow and deny with the reason, the entry recorded as a venue scan,
 * every kind of bad input refused with its own status, reason and audit row and nothing recorded, the
 * "no negative test, no work" gate, and 503 with Retry-After when saturated. Persons 8701..8720 and
 * venues CPIT-* belong to this test; "now" is the FixedClock's.
 */
@CordonWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckpointApiIT {

  static final String STREET = "140105006001";
  static final Instant NOW = FixedClock.NOW.toInstant();

  @Autowired
  MockMvc mvc;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  IntakeManagement intake;
  @Autowired
  HealthCodeManagement codes;
  @Autowired
  CodeTokens tokens;
  @Autowired
  ApiTokens apiTokens;
  @Autowired
  CheckpointAdmission admission;
  @Autowired
  EntryJournal journal;

  String gate;
  String cold;
  String elsewhere;

  @BeforeAll
  void venuesPersonsAndDevices() {
    StringBuilder persons = new StringBuilder("person_id,household_id,home_division,id_number,name,"
        + "phone,lat,lon\n");
    for (long id = 8701; id <= 8720; id++) {
      persons.append(id).append(',').append(id).append(',').append(STREET).append(',')
          .append(Residents.idNumber("140105", id)).append(",居民").append(id).append(",13800001234,37.8,112.5\n");
    }
    Ingest.csv(intake, RecordKind.PERSONS, persons.toString());
    Ingest.csv(intake, RecordKind.VENUES, """
        venue_id,name,kind,division,lat,lon,dwell_minutes,contact_class
        CPIT-GATE,小店超市,supermarket,140105006,37.8,112.5,30,key
        CPIT-COLD,冷链仓库,cold_chain_warehouse,140105006,37.8,112.5,240,close
        CPIT-OTHER,小店饭馆,restaurant,140105006,37.8,112.5,60,close
        """);
    DivisionCode taiyuan = DivisionCode.of("1401");
    gate = apiTokens.issue("cpit gate", Role.VENUE_DEVICE, taiyuan, "CPIT-GATE", "test").secret();
    cold = apiTokens.issue("cpit cold", Role.VENUE_DEVICE, taiyuan, "CPIT-COLD", "test").secret();
    elsewhere = apiTokens.issue("cpit other", Role.VENUE_DEVICE, taiyuan, "CPIT-OTHER", "test").secret();
    codes.record(List.of(new ZoneMembership(8702, "CPIT-ZONE", ZoneMembership.Level.SEALED,
        NOW.minusSeconds(3600))), "test");
  }

  private ResultActions check(String device, String token, String extra) throws Exception {
    return mvc.perform(post("/api/checkpoint/check").header("Authorization", "Bearer " + device)
        .contentType(MediaType.APPLICATION_JSON)
        .content("{\"token\":\"" + token + "\",\"temperature\":36.5,\"masked\":true" + extra + "}"));
  }

  /** Waits until every acknowledged check is in the tables (in the file journal's mode, a moment later). */
  int stored(String sql, Object... args) {
    try {
      assertThat(journal.awaitStored(java.time.Duration.ofSeconds(30))).isTrue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    return jdbc.queryForObject(sql, Integer.class, args);
  }

  private int scans(long person, String venue) {
    return stored("select count(*) from venue_scan where person_id = ? and venue_id = ?", person, venue);
  }

  private int checks(long person) {
    return stored("select count(*) from checkpoint_check where person_id = ?", person);
  }

  private int refusals(String outcome) {
    return jdbc.queryForObject("select count(*) from audit_log where action = 'checkpoint.refused' and "
        + "outcome = ?", Integer.class, outcome);
  }

  @Test
  void aGreenCodeEntersAndIsRecordedAsAVenueScanOnceThenTheSameTokenIsAReplay() throws Exception {
    String token = tokens.issue(8701, CodeColour.GREEN).text();
    check(gate, token, "").andExpect(status().isOk())
        .andExpect(content().contentType(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.allowed").value(true))
        .andExpect(jsonPath("$.reason").value("green"))
        .andExpect(jsonPath("$.messageZh").value("绿码，请通行"))
        .andExpect(jsonPath("$.colour").value("green"))
        .andExpect(jsonPath("$.tokenColour").value("green"))
        .andExpect(jsonPath("$.checkedAt").isString());
    assertThat(scans(8701, "CPIT-GATE")).isEqualTo(1);
    assertThat(checks(8701)).isEqualTo(1);
    // the check's row and its venue scan: the same instant, the scan numbered for the tracing index
    assertThat(stored("select count(*) from checkpoint_check c join venue_scan s on "
        + "s.person_id = c.person_id and s.venue_id = c.venue_id and s.scan_time = c.checked_at where "
        + "c.person_id = 8701 and c.temperature = 36.5 and c.masked and c.allowed and c.colour = 'green' "
        + "and s.exit_time is null and s.ingest_batch is not null")).isEqualTo(1);
    check(gate, token, "").andExpect(status().isConflict())
        .andExpect(jsonPath("$.reason").value("replayed"));
    assertThat(checks(8701)).isEqualTo(1);
    assertThat(refusals("replayed")).isGreaterThanOrEqualTo(1);
    // the same live token at the next venue is the same person moving on
    check(elsewhere, token, "").andExpect(status().isOk()).andExpect(jsonPath("$.allowed").value(true));
    assertThat(scans(8701, "CPIT-OTHER")).isEqualTo(1);
  }

  @Test
  void theOnlineColourWinsOverTheColourInTheToken() throws Exception {
    // issued green, but 8702 lives in a sealed zone now
    String token = tokens.issue(8702, CodeColour.GREEN).text();
    check(gate, token, "").andExpect(status().isOk())
        .andExpect(jsonPath("$.allowed").value(false))
        .andExpect(jsonPath("$.reason").value("red_code"))
        .andExpect(jsonPath("$.colour").value("red"))
        .andExpect(jsonPath("$.tokenColour").value("green"));
    assertThat(scans(8702, "CPIT-GATE")).isZero();
    assertThat(checks(8702)).isEqualTo(1);
  }

  @Test
  void feverAndNoMaskAreDenied() throws Exception {
    mvc.perform(post("/api/checkpoint/check").header("Authorization", "Bearer " + gate)
            .contentType(MediaType.APPLICATION_JSON).content("{\"token\":\""
                + tokens.issue(8703, CodeColour.GREEN).text() + "\",\"temperature\":37.8,\"masked\":true}"))
        .andExpect(status().isOk()).andExpect(jsonPath("$.reason").value("fever"));
    mvc.perform(post("/api/checkpoint/check").header("Authorization", "Bearer " + gate)
            .contentType(MediaType.APPLICATION_JSON).content("{\"token\":\""
                + tokens.issue(8703, CodeColour.GREEN).text() + "\",\"temperature\":36.6,\"masked\":false}"))
        .andExpect(status().isOk()).andExpect(jsonPath("$.reason").value("no_mask"));
    assertThat(scans(8703, "CPIT-GATE")).isZero();
    assertThat(checks(8703)).isEqualTo(2);
    // each row as measured: temperatures to the tenth (on PostgreSQL they travel as whole tenths)
    assertThat(stored("select count(*) from checkpoint_check where person_id = 8703 and "
        + "((temperature = 37.8 and masked) or (temperature = 36.6 and not masked)) and not allowed"))
        .isEqualTo(2);
  }

  @Test
  void noNegativeTestNoWorkAtAColdChainWarehouse() throws Exception {
    check(cold, tokens.issue(8704, CodeColour.GREEN).text(), ",\"staff\":true")
        .andExpect(status().isOk()).andExpect(jsonPath("$.allowed").value(false))
        .andExpect(jsonPath("$.reason").value("no_negative_test"))
        .andExpect(jsonPath("$.messageEn", containsString("24 h")));
    // a visitor (not staff) is not asked for a test
    check(cold, tokens.issue(8704, CodeColour.GREEN).text(), "").andExpect(jsonPath("$.allowed").value(true));
    // a negative PCR sampled 30 hours ago is too old for cold chain (24 h in the 9th edition)...
    codes.record(List.of(TestResult.negativePcr(8704, NOW.minus(Duration.ofHours(30)))), "test");
    check(cold, tokens.issue(8704, CodeColour.GREEN).text(), ",\"staff\":true")
        .andExpect(jsonPath("$.reason").value("no_negative_test"));
    // ... one of 10 hours ago lets the worker in
    codes.record(List.of(TestResult.negativePcr(8704, NOW.minus(Duration.ofHours(10)))), "test");
    check(cold, tokens.issue(8704, CodeColour.GREEN).text(), ",\"staff\":true")
        .andExpect(status().isOk()).andExpect(jsonPath("$.allowed").value(true));
  }

  @Test
  void everyKindOfBadTokenIsRefusedWithItsOwnReasonAndNothingRecorded() throws Exception {
    String good = tokens.issue(8705, CodeColour.GREEN).text();
    // altered: one character of the signed content (the pseudonym) changed
    char c = good.charAt(20);
    String forged = good.substring(0, 20) + (c == 'A' ? 'B' : 'A') + good.substring(21);
    check(gate, forged, "").andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.reason").value("forged"));
    check(gate, good.substring(0, 90), "").andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.reason").value("truncated"));
    check(gate, "not a token!", "").andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.reason").value("malformed"));
    check(gate, good + "AAAA", "").andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.reason").value("malformed"));
    // a screenshot of a token issued an hour ago
    String old = tokens.issue(8705, CodeColour.GREEN, NOW.minusSeconds(3600)).text();
    check(gate, old, "").andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.reason").value("expired"));
    // signed by somebody else's key
    KeyPair other = CodeTokenKeys.generate();
    SecureRandom random = new SecureRandom();
    String foreign = new CodeTokenIssuer(7, other.getPrivate(),
        new PersonPseudonyms(PersonPseudonyms.newKey(random)), Duration.ofMinutes(3), random)
        .issue(8705, CodeColour.GREEN, NOW).text();
    check(gate, foreign, "").andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.reason").value(org.hamcrest.Matchers.anyOf(
            org.hamcrest.Matchers.is("wrong_key"), org.hamcrest.Matchers.is("forged"))));
    assertThat(checks(8705)).isZero();
    assertThat(scans(8705, "CPIT-GATE")).isZero();
    for (String reason : List.of("forged", "truncated", "malformed", "expired")) {
      assertThat(refusals(reason)).as(reason).isGreaterThanOrEqualTo(1);
    }
    // the good token is still good afterwards
    check(gate, good, "").andExpect(status().isOk());
  }

  @Test
  void aForeignKeyIdIsAWrongKey() throws Exception {
    KeyPair other = CodeTokenKeys.generate();
    SecureRandom random = new SecureRandom();
    int keyId = (Integer) tokens.publicKey().get("keyId");
    String foreign = new CodeTokenIssuer(keyId == 1 ? 2 : 1, other.getPrivate(),
        new PersonPseudonyms(PersonPseudonyms.newKey(random)), Duration.ofMinutes(3), random)
        .issue(8706, CodeColour.GREEN, NOW).text();
    check(gate, foreign, "").andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.reason").value("wrong_key"));
    // the same key id with another key: the signature does not match
    String sameId = new CodeTokenIssuer(keyId, other.getPrivate(),
        new PersonPseudonyms(PersonPseudonyms.newKey(random)), Duration.ofMinutes(3), random)
        .issue(8706, CodeColour.GREEN, NOW).text();
    check(gate, sameId, "").andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.reason").value("forged"));
    assertThat(refusals("wrong_key")).isGreaterThanOrEqualTo(1);
    assertThat(checks(8706)).isZero();
  }

  @Test
  void aDeviceChecksOnlyAtItsOwnVenueAndAnUnknownVenueIsRefused() throws Exception {
    String token = tokens.issue(8707, CodeColour.GREEN).text();
    check(gate, token, ",\"venueId\":\"CPIT-OTHER\"").andExpect(status().isForbidden())
        .andExpect(jsonPath("$.reason").value("wrong_venue"));
    // the demo device is bound to DEMO-GATE, which is not a stored venue
    check("demo-device-token", token, "").andExpect(status().isNotFound())
        .andExpect(jsonPath("$.reason").value("unknown_venue"));
    assertThat(refusals("wrong_venue")).isGreaterThanOrEqualTo(1);
    assertThat(refusals("unknown_venue")).isGreaterThanOrEqualTo(1);
    assertThat(checks(8707)).isZero();
    // the token was not used up by the refusals
    check(gate, token, "").andExpect(status().isOk()).andExpect(jsonPath("$.allowed").value(true));
  }

  @Test
  void badTemperatureOrMissingFieldsAreBadRequests() throws Exception {
    String token = tokens.issue(8708, CodeColour.GREEN).text();
    mvc.perform(post("/api/checkpoint/check").header("Authorization", "Bearer " + gate)
            .contentType(MediaType.APPLICATION_JSON).content("{\"token\":\"" + token + "\",\"temperature\":25,"
                + "\"masked\":true}"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail", containsString("30.0..45.0")));
    mvc.perform(post("/api/checkpoint/check").header("Authorization", "Bearer " + gate)
            .contentType(MediaType.APPLICATION_JSON).content("{\"token\":\"" + token + "\",\"masked\":true}"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail", containsString("temperature")));
    mvc.perform(post("/api/checkpoint/check").header("Authorization", "Bearer " + gate)
            .contentType(MediaType.APPLICATION_JSON).content("{\"temperature\":36.5,\"masked\":true}"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.reason").value("malformed"));
    // a body that is not a flat JSON object, or a field of the wrong type: 400 bad_request, audited
    int audited = refusals("bad_request");
    mvc.perform(post("/api/checkpoint/check").header("Authorization", "Bearer " + gate)
            .contentType(MediaType.APPLICATION_JSON).content("{\"token\":\"" + token + "\",\"temperature\":"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.reason").value("bad_request"))
        .andExpect(jsonPath("$.detail", containsString("not a flat JSON object")));
    mvc.perform(post("/api/checkpoint/check").header("Authorization", "Bearer " + gate)
            .contentType(MediaType.APPLICATION_JSON).content("{\"token\":\"" + token + "\",\"temperature\":36.5,"
                + "\"masked\":\"yes\"}"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail", containsString("masked must be")));
    mvc.perform(post("/api/checkpoint/check").header("Authorization", "Bearer " + gate)
            .contentType(MediaType.APPLICATION_JSON).content("{\"token\":\"" + token + "\",\"temperature\":"
                + "\"hot\",\"masked\":true}"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail", containsString("temperature must be")));
    assertThat(refusals("bad_request")).isGreaterThanOrEqualTo(audited + 3);
    assertThat(checks(8708)).isZero();
  }

  @Test
  void theOpenApiDocumentDescribesTheCheckBodyAndAnswer() throws Exception {
    mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
        .andExpect(jsonPath("$.paths['/api/checkpoint/check'].post.requestBody.content['application/json']"
            + ".schema.$ref", containsString("CheckRequest")))
        .andExpect(jsonPath("$.paths['/api/checkpoint/check'].post.responses['200'].content['application/json']"
            + ".schema.$ref", containsString("CheckAnswer")));
  }

  @Test
  void onlyVenueDevicesCheck() throws Exception {
    mvc.perform(post("/api/checkpoint/check")
            .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                .httpBasic("command", "cordon-demo"))
            .contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isForbidden());
    mvc.perform(post("/api/checkpoint/check").contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void aSaturatedCheckpointAnswers503WithRetryAfterAndRecordsNothing() throws Exception {
    String token = tokens.issue(8709, CodeColour.GREEN).text();
    int taken = 0;
    while (admission.tryEnter()) {
      taken++;
    }
    try {
      check(gate, token, "").andExpect(status().isServiceUnavailable())
          .andExpect(header().string("Retry-After", "1"))
          .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(jsonPath("$.status").value(503))
          .andExpect(jsonPath("$.detail", containsString("saturated")))
          .andExpect(jsonPath("$.reason").value("saturated"));
    } finally {
      for (int i = 0; i < taken; i++) {
        admission.release();
      }
    }
    assertThat(taken).isPositive();
    assertThat(checks(8709)).isZero();
    check(gate, token, "").andExpect(status().isOk());
  }
}
