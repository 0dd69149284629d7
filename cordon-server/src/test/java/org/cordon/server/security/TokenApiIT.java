package org.cordon.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@CordonWebTest
class TokenApiIT {

  @Autowired
  MockMvc mvc;
  @Autowired
  JdbcClient jdbc;

  private final JsonMapper json = JsonMapper.builder().build();

  private static MockHttpServletRequestBuilder command(MockHttpServletRequestBuilder request) {
    return request.with(httpBasic("command", AccountSetup.DEMO_PASSWORD));
  }

  private static MockHttpServletRequestBuilder bearer(String token, MockHttpServletRequestBuilder r) {
    return r.header("Authorization", "Bearer " + token);
  }

  private ResultActions create(String body) throws Exception {
    return mvc.perform(command(post("/api/tokens")).contentType(MediaType.APPLICATION_JSON)
        .content(body));
  }

  private JsonNode created(String body) throws Exception {
    return json.readTree(create(body).andExpect(status().isCreated()).andReturn().getResponse()
        .getContentAsString());
  }

  @Test
  void aCreatedDeviceTokenIsShownOnceAndAuthenticatesAsItsVenue() throws Exception {
    JsonNode token = created("{\"label\":\"gate 3\",\"role\":\"VENUE_DEVICE\",\"venueId\":\"V-GATE-3\"}");
    String secret = token.get("token").asString();
    assertThat(secret).startsWith("cdn_").hasSizeGreaterThan(40);
    assertThat(token.get("info").get("jurisdiction").asString()).isEqualTo("1401");

    mvc.perform(bearer(secret, get("/api/auth/me")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.role").value("VENUE_DEVICE"))
        .andExpect(jsonPath("$.displayName").value("gate 3"));
    // the list never carries secrets
    String list = mvc.perform(command(get("/api/tokens"))).andExpect(status().isOk())
        .andExpect(jsonPath("$[*].label", hasItem("gate 3")))
        .andReturn().getResponse().getContentAsString();
    assertThat(list).doesNotContain(secret);
  }

  @Test
  void onlyTheHashOfATokenIsStored() throws Exception {
    JsonNode token = created("{\"label\":\"lab A\",\"role\":\"LAB\"}");
    String secret = token.get("token").asString();
    String id = token.get("info").get("id").asString();
    String stored = jdbc.sql("select token_sha256 from api_token where token_id = ?").param(id)
        .query(String.class).single();
    assertThat(stored).isEqualTo(ApiTokens.sha256(secret)).doesNotContain(secret);
    long plaintext = jdbc.sql("select count(*) from api_token where token_sha256 = ? or label = ?")
        .params(secret, secret).query(Long.class).single();
    assertThat(plaintext).isZero();
  }

  @Test
  void aRevokedTokenIsRefusedWith401() throws Exception {
    JsonNode token = created("{\"label\":\"lab B\",\"role\":\"LAB\"}");
    String secret = token.get("token").asString();
    String id = token.get("info").get("id").asString();
    mvc.perform(bearer(secret, get("/api/divisions/14"))).andExpect(status().is(not(401)));

    mvc.perform(command(delete("/api/tokens/" + id))).andExpect(status().isNoContent());
    mvc.perform(bearer(secret, get("/api/divisions/14")))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("API token is unknown or revoked"));
    mvc.perform(command(delete("/api/tokens/" + id))).andExpect(status().isNotFound());
  }

  @Test
  void anUnknownTokenIsRefusedEvenOnPublicPaths() throws Exception {
    mvc.perform(bearer("cdn_made_up", get("/api/auth/me"))).andExpect(status().isUnauthorized());
    mvc.perform(bearer("cdn_made_up", get("/v3/api-docs"))).andExpect(status().isUnauthorized());
  }

  @Test
  void aTokenOfTheWrongRoleIsForbidden() throws Exception {
    String lab = created("{\"label\":\"lab C\",\"role\":\"LAB\"}").get("token").asString();
    mvc.perform(bearer(lab, post("/api/intake/scans/events")).contentType(MediaType.APPLICATION_JSON)
        .content("{}")).andExpect(status().isForbidden());
    mvc.perform(bearer(AccountSetup.DEMO_DEVICE_TOKEN, get("/api/persons")))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail").value("role VENUE_DEVICE may not GET /api/persons"));
    mvc.perform(bearer(AccountSetup.DEMO_DEVICE_TOKEN, get("/api/tokens")))
        .andExpect(status().isForbidden());
  }

  @Test
  void tokensAreOnlyForDevicesAndLabs() throws Exception {
    create("{\"label\":\"x\",\"role\":\"INVESTIGATOR\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("API tokens are for VENUE_DEVICE or LAB, not INVESTIGATOR"));
    create("{\"label\":\"x\",\"role\":\"VENUE_DEVICE\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("a VENUE_DEVICE token must be bound to a venueId"));
    create("{\"label\":\"x\",\"role\":\"LAB\",\"venueId\":\"V1\"}")
        .andExpect(status().isBadRequest());
    create("{\"label\":\"x\",\"role\":\"ROOT\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("role 'ROOT' is not one of")));
  }

  @Test
  void theCommandCentreIssuesTokensOnlyInsideItsJurisdiction() throws Exception {
    create("{\"label\":\"far lab\",\"role\":\"LAB\",\"jurisdiction\":\"1402\"}")
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail").value("division 1402 is outside your jurisdiction 1401"));
    JsonNode near = created("{\"label\":\"near lab\",\"role\":\"LAB\",\"jurisdiction\":\"140105\"}");
    assertThat(near.get("info").get("jurisdiction").asString()).isEqualTo("140105");
  }

  @Test
  void theDemoDeviceTokenIsBoundToTheConfiguredVenue(@Autowired ApiTokens tokens) {
    ApiToken demo = tokens.findValid(AccountSetup.DEMO_DEVICE_TOKEN).orElseThrow();
    assertThat(demo.role()).isEqualTo(Role.VENUE_DEVICE);
    assertThat(demo.jurisdiction().value()).isEqualTo("1401");
    assertThat(demo.venueId()).isEqualTo("DEMO-GATE");
    assertThat(demo.caller().mayScanAt("DEMO-GATE")).isTrue();
    assertThat(demo.caller().mayScanAt("OTHER")).isFalse();
  }

  @Test
  void aDeviceSendsScansOnlyForItsOwnVenueAndTheEventReachesIntakeIntact() throws Exception {
    // through intake, which keeps its own index of known persons and venues
    mvc.perform(post("/api/intake/venues").with(httpBasic("investigator", "cordon-demo"))
            .contentType("text/csv").content("venue_id,name,kind,division,lat,lon,dwell_minutes,contact_class\n"
                + "DEMO-GATE,gate,restaurant,140105006,37.8,112.5,60,close\n"))
        .andExpect(status().isOk());
    mvc.perform(post("/api/intake/persons").with(httpBasic("investigator", "cordon-demo"))
            .contentType("text/csv").content("person_id,household_id,home_division,id_number,name,phone,lat,lon\n"
                + "9001,9001,140105006001," + Residents.idNumber("140105", 9001) + ",王五,13800009001,37.8,112.5\n"))
        .andExpect(status().isOk());
    String elsewhere = "{\"person_id\":9001,\"venue_id\":\"OTHER\",\"time\":\"2026-11-23T09:00:00+08:00\"}";
    mvc.perform(bearer(AccountSetup.DEMO_DEVICE_TOKEN, post("/api/intake/scans/events"))
            .contentType(MediaType.APPLICATION_JSON).content(elsewhere))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail").value(
            "this device is bound to venue DEMO-GATE and may not send scans for venue OTHER"));

    String here = "{\"person_id\":9001,\"venue_id\":\"DEMO-GATE\",\"time\":\"2026-11-23T09:00:00+08:00\"}";
    mvc.perform(bearer(AccountSetup.DEMO_DEVICE_TOKEN, post("/api/intake/scans/events"))
            .contentType(MediaType.APPLICATION_JSON).content(here))
        .andExpect(status().isOk());
    assertThat(jdbc.sql("select count(*) from venue_scan where person_id = 9001 and venue_id = 'DEMO-GATE'")
        .query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void consoleRolesMaySendScansForAnyVenue() throws Exception {
    String elsewhere = "{\"person_id\":9001,\"venue_id\":\"OTHER\",\"time\":\"2026-11-23T09:00:00+08:00\"}";
    int status = mvc.perform(post("/api/intake/scans/events").with(httpBasic("investigator", "cordon-demo"))
            .contentType(MediaType.APPLICATION_JSON).content(elsewhere))
        .andReturn().getResponse().getStatus();
    assertThat(status).isNotIn(401, 403);
  }
}
