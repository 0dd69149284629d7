package org.cordon.server.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import org.cordon.core.place.DivisionCode;
import org.cordon.server.security.AccountSetup;
import org.cordon.server.security.ConsoleUser;
import org.cordon.server.security.ConsoleUsers;
import org.cordon.server.security.CordonWebTest;
import org.cordon.server.security.Residents;
import org.cordon.server.security.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@CordonWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonApiIT {

  @Autowired
  MockMvc mvc;
  @Autowired
  JdbcClient jdbc;

  /** Persons of this test and where they live; 7001..7003 in the demo community worker's street. */
  private static final Map<Long, String> HOMES = Map.of(
      7001L, "140105006001", 7002L, "140105006002", 7003L, "140105006",
      7004L, "140105001003", 7005L, "140106001001", 7006L, "140202001");

  @BeforeAll
  void residentsAndAnAccountForXiaodianDistrict(@Autowired ConsoleUsers users,
      @Autowired PasswordEncoder encoder) {
    HOMES.forEach((id, division) -> Residents.insert(jdbc, id, division));
    users.createIfAbsent(new ConsoleUser("xiaodian", "小店区 investigator", encoder.encode("xiaodian-pass"),
        Role.INVESTIGATOR, new DivisionCode("140105"), true));
  }

  private static MockHttpServletRequestBuilder as(String user, MockHttpServletRequestBuilder request) {
    String password = user.equals("xiaodian") ? "xiaodian-pass" : AccountSetup.DEMO_PASSWORD;
    return request.with(httpBasic(user, password));
  }

  private long auditRows(long personId) {
    return jdbc.sql("select count(*) from audit_log where person_id = ?").param(personId)
        .query(Long.class).single();
  }

  @ParameterizedTest(name = "{0} sees identity {1}, phone {2}")
  @CsvSource({
      "investigator, 14010519800108001X, 13800007001",
      "community,    1401**********001X, 13800007001",
      "command,      1401**********001X, 138****7001",
      "facility,     1401**********001X, 138****7001"})
  void masksIdentityNumbersAndPhonesPerRole(String user, String idNumber, String phone)
      throws Exception {
    mvc.perform(as(user, get("/api/persons").param("division", "140105006001")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(1))
        .andExpect(jsonPath("$.items[0].id").value(7001))
        .andExpect(jsonPath("$.items[0].idNumber").value(idNumber))
        .andExpect(jsonPath("$.items[0].idNumberMasked").value(idNumber.contains("*")))
        .andExpect(jsonPath("$.items[0].phone").value(phone))
        .andExpect(jsonPath("$.items[0].phoneMasked").value(phone.contains("*")));
    mvc.perform(as(user, get("/api/persons/7001")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.idNumber").value(idNumber))
        .andExpect(jsonPath("$.phone").value(phone))
        .andExpect(jsonPath("$.homeDivision").value("140105006001"));
  }

  @Test
  void theExpectedNumbersAboveAreTheStoredOnes() {
    // 7001 = 7 * 1000 + 1: born 1980-01-08, order code 001; GB 11643 gives check character X
    assertThat(Residents.idNumber("140105", 7001)).isEqualTo("14010519800108001X")
        .startsWith("1401").endsWith("001X");
  }

  @Test
  void aCommunityWorkerSeesOnlyTheirStreet() throws Exception {
    mvc.perform(as("community", get("/api/persons").param("size", "500")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[*].id", hasItem(7001)))
        .andExpect(jsonPath("$.items[*].id", hasItem(7003)))
        .andExpect(jsonPath("$.items[*].id", not(hasItem(7004))))
        .andExpect(jsonPath("$.items[*].id", not(hasItem(7005))))
        .andExpect(jsonPath("$.items[*].homeDivision", everyItem(
            org.hamcrest.Matchers.startsWith("140105006"))));
  }

  @Test
  void aUserOfXiaodianDoesNotSeeXinghualingPersons() throws Exception {
    mvc.perform(as("xiaodian", get("/api/persons").param("size", "500")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[*].id", hasItem(7004)))
        .andExpect(jsonPath("$.items[*].id", not(hasItem(7005))))
        .andExpect(jsonPath("$.items[*].id", not(hasItem(7006))));
    mvc.perform(as("xiaodian", get("/api/persons/7005"))).andExpect(status().isNotFound());
  }

  @Test
  void askingForADivisionOutsideTheJurisdictionIsForbiddenWithTheReason() throws Exception {
    mvc.perform(as("xiaodian", get("/api/persons").param("division", "140106")))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("division 140106 is outside your jurisdiction 140105"));
    mvc.perform(as("command", get("/api/persons").param("division", "1402")))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail").value("division 1402 is outside your jurisdiction 1401"));
  }

  @Test
  void personsOutsideTheJurisdictionLookExactlyLikeUnknownOnes() throws Exception {
    String outside = mvc.perform(as("command", get("/api/persons/7006")))
        .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
    String unknown = mvc.perform(as("command", get("/api/persons/7999")))
        .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
    assertThat(outside.replace("7006", "N")).isEqualTo(unknown.replace("7999", "N"));
  }

  @Test
  void everyDetailReadIsAuditedWithWhoWhenWhatAndWhere() throws Exception {
    long before = auditRows(7002);
    mvc.perform(as("investigator", get("/api/persons/7002")).with(r -> {
      r.setRemoteAddr("10.1.2.3");
      return r;
    })).andExpect(status().isOk());
    mvc.perform(as("community", get("/api/persons/7002"))).andExpect(status().isOk());
    assertThat(auditRows(7002)).isEqualTo(before + 2);

    List<Map<String, Object>> rows = jdbc.sql("select username, role, jurisdiction, action, outcome, "
        + "endpoint, client_ip, at from audit_log where person_id = 7002 order by audit_id desc")
        .query().listOfRows();
    assertThat(rows.get(1)).containsEntry("username", "investigator")
        .containsEntry("role", "INVESTIGATOR").containsEntry("jurisdiction", "1401")
        .containsEntry("action", "person.read").containsEntry("outcome", "found")
        .containsEntry("endpoint", "GET /api/persons/7002").containsEntry("client_ip", "10.1.2.3");
    assertThat(rows.get(0)).containsEntry("username", "community");
    assertThat(rows.get(0).get("at")).isNotNull();
  }

  @Test
  void failedDetailReadsAreAuditedToo() throws Exception {
    long before = auditRows(7005);
    mvc.perform(as("community", get("/api/persons/7005"))).andExpect(status().isNotFound());
    assertThat(auditRows(7005)).isEqualTo(before + 1);
    assertThat(jdbc.sql("select outcome from audit_log where person_id = 7005 order by audit_id desc")
        .query(String.class).list().get(0)).isEqualTo("not_found");
  }

  @Test
  void listsAreNotAuditedPerPerson() throws Exception {
    long before = auditRows(7003);
    mvc.perform(as("investigator", get("/api/persons").param("division", "140105006")))
        .andExpect(status().isOk());
    assertThat(auditRows(7003)).isEqualTo(before);
  }

  @Test
  void theCommandCentreReadsTheAuditByPersonAndUser() throws Exception {
    mvc.perform(as("facility", get("/api/persons/7004"))).andExpect(status().isOk());
    mvc.perform(as("command", get("/api/audit").param("personId", "7004").param("user", "facility")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].personId").value(7004))
        .andExpect(jsonPath("$[0].username").value("facility"))
        .andExpect(jsonPath("$[0].role").value("FACILITY_MANAGER"))
        .andExpect(jsonPath("$[*].username", everyItem(org.hamcrest.Matchers.is("facility"))));
  }

  @Test
  void searchesByNameAndPersonId() throws Exception {
    mvc.perform(as("community", get("/api/persons").param("q", "居民7002")))
        .andExpect(jsonPath("$.total").value(1))
        .andExpect(jsonPath("$.items[0].id").value(7002));
    mvc.perform(as("community", get("/api/persons").param("q", "7003")))
        .andExpect(jsonPath("$.items[*].id", containsInAnyOrder(7003)));
  }

  @Test
  void onlyRolesThatSeeIdentityNumbersMaySearchByThem() throws Exception {
    String id = Residents.idNumber("140105", 7003);
    mvc.perform(as("investigator", get("/api/persons").param("q", id)))
        .andExpect(jsonPath("$.total").value(1))
        .andExpect(jsonPath("$.items[0].id").value(7003));
    mvc.perform(as("community", get("/api/persons").param("q", id)))
        .andExpect(jsonPath("$.total").value(0));
  }

  @Test
  void pagesThroughTheJurisdiction() throws Exception {
    mvc.perform(as("community", get("/api/persons").param("division", "140105006")
            .param("size", "2").param("page", "1")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.page").value(1))
        .andExpect(jsonPath("$.size").value(2))
        .andExpect(jsonPath("$.total").value(3))
        .andExpect(jsonPath("$.items[*].id", containsInAnyOrder(7003)));
  }

  @Test
  void badParametersAreBadRequestsThatSayWhy() throws Exception {
    mvc.perform(as("command", get("/api/persons").param("division", "14x")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(
            org.hamcrest.Matchers.containsString("division code must have 2, 4, 6, 9 or 12 digits")));
    mvc.perform(as("command", get("/api/persons").param("size", "501")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("size must be 1..500, got 501"));
    mvc.perform(as("command", get("/api/persons/abc")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("parameter 'id' has an invalid value 'abc'"));
  }
}
