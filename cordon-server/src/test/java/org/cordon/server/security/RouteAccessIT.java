package org.cordon.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every role against every path family of the contract, each signing in the way it really does (demo
 * accounts over HTTP Basic, the venue device with its bearer token). "Allowed" means the request got past
 * security: the controller may still answer 400 or 404 (intake controllers live on another branch).
 */
@CordonWebTest
class RouteAccessIT {

  @Autowired
  MockMvc mvc;

  private static final Map<Character, String> ACCOUNTS = Map.of('C', "command", 'I', "investigator",
      'W', "community", 'F', "facility", 'L', "lab", 'D', "device");

  /** Method, path, and who may: C command, I investigator, W community, F facility, L lab, D device. */
  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("POST", "/api/intake/persons", "CI"),
        Arguments.of("POST", "/api/intake/scans", "CI"),
        Arguments.of("POST", "/api/intake/scans/events", "CID"),
        Arguments.of("POST", "/api/intake/trips/events", "CI"),
        Arguments.of("POST", "/api/intake/dwells/events", "CI"),
        Arguments.of("GET", "/api/divisions/14", "CIWFLD"),
        Arguments.of("GET", "/api/divisions?q=%E5%B0%8F%E5%BA%97", "CIWFLD"),
        Arguments.of("GET", "/api/persons", "CIWF"),
        Arguments.of("GET", "/api/persons/1", "CIWF"),
        Arguments.of("GET", "/api/dashboard/summary", "CIWF"),
        Arguments.of("GET", "/api/tokens", "C"),
        Arguments.of("DELETE", "/api/tokens/tok_none", "C"),
        Arguments.of("GET", "/api/audit", "C"),
        Arguments.of("POST", "/api/cases", "CI"),
        Arguments.of("GET", "/api/cases", "CI"),
        Arguments.of("GET", "/api/cases/1/contacts", "CIW"),
        Arguments.of("GET", "/api/cases/1/contacts.csv", "CIW"),
        Arguments.of("GET", "/api/cases/1/contacts.xlsx", "CIW"),
        Arguments.of("GET", "/api/cases/1", "CI"),
        Arguments.of("GET", "/api/cases/1/itinerary", "CI"),
        Arguments.of("GET", "/api/cases/1/graph", "CI"),
        Arguments.of("GET", "/api/cases/1/contacts/2/evidence", "CI"),
        Arguments.of("GET", "/api/tasks", "CIW"),
        Arguments.of("POST", "/api/tasks/1/status", "CIW"),
        Arguments.of("GET", "/api/assist-requests", "CI"),
        Arguments.of("GET", "/api/assist-requests/export", "CI"),
        Arguments.of("POST", "/api/assist-requests/import", "CI"),
        Arguments.of("POST", "/api/testing/campaigns", "C"),
        Arguments.of("GET", "/api/testing/campaigns", "CIWF"),
        Arguments.of("POST", "/api/testing/sites", "C"),
        Arguments.of("GET", "/api/testing/sites", "CIWF"),
        Arguments.of("POST", "/api/testing/samples", "CWD"),
        Arguments.of("POST", "/api/testing/tubes/T0/close", "CWD"),
        Arguments.of("POST", "/api/testing/tubes/T0/received", "L"),
        Arguments.of("POST", "/api/testing/results", "L"),
        Arguments.of("POST", "/api/fhir/Bundle", "L"),
        Arguments.of("GET", "/api/testing/campaigns/none/coverage", "CIWF"),
        Arguments.of("GET", "/api/testing/campaigns/none/turnaround", "CIWF"),
        Arguments.of("GET", "/api/testing/campaigns/none/missed?division=1401", "CIW"),
        Arguments.of("GET", "/api/testing/campaigns/none/missed.xlsx?division=1401", "CIW"),
        Arguments.of("POST", "/api/testing/campaigns/none/missed/tasks?division=1401", "C"),
        Arguments.of("GET", "/api/testing/tasks", "CIW"),
        Arguments.of("GET", "/api/testing/key-groups/members", "CIW"),
        Arguments.of("POST", "/api/testing/key-groups/members", "C"),
        Arguments.of("DELETE", "/api/testing/key-groups/members/1", "C"),
        Arguments.of("GET", "/api/testing/key-groups/compliance", "CIW"),
        Arguments.of("POST", "/api/testing/antigen-tests", "CWD"),
        Arguments.of("GET", "/api/health-codes/policy", "CIWF"),
        Arguments.of("PUT", "/api/health-codes/policy", "C"),
        Arguments.of("GET", "/api/auth/me", "CIWFLD"),
        Arguments.of("GET", "/api/some-future-console-page", "CIWF"));
  }

  static Stream<Arguments> cases() {
    return table().flatMap(row -> ACCOUNTS.entrySet().stream().map(account -> Arguments.of(
        row.get()[0], row.get()[1], account.getValue(),
        ((String) row.get()[2]).indexOf(account.getKey()) >= 0)));
  }

  private MockHttpServletRequestBuilder as(String account, MockHttpServletRequestBuilder request) {
    return account.equals("device")
        ? request.header("Authorization", "Bearer " + AccountSetup.DEMO_DEVICE_TOKEN)
        : request.with(httpBasic(account, AccountSetup.DEMO_PASSWORD));
  }

  @ParameterizedTest(name = "{0} {1} as {2}: allowed={3}")
  @MethodSource("cases")
  void eachRoleReachesExactlyItsRoutes(String method, String path, String account, boolean allowed)
      throws Exception {
    MockHttpServletRequestBuilder request = as(account,
        request(HttpMethod.valueOf(method), path).contentType(MediaType.APPLICATION_JSON).content("{}"));
    int status = mvc.perform(request).andReturn().getResponse().getStatus();
    if (allowed) {
      assertThat(status).as("%s %s as %s", method, path, account).isNotIn(401, 403);
    } else {
      assertThat(status).as("%s %s as %s", method, path, account).isEqualTo(403);
    }
  }

  @ParameterizedTest(name = "{0} {1} anonymously")
  @MethodSource("table")
  void nobodyReachesAnyRouteAnonymously(String method, String path, String whoMay) throws Exception {
    int status = mvc.perform(request(HttpMethod.valueOf(method), path)
        .contentType(MediaType.APPLICATION_JSON).content("{}")).andReturn().getResponse().getStatus();
    assertThat(status).isEqualTo(401);
  }
}
