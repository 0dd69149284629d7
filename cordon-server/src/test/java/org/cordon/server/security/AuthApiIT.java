package org.cordon.server.security;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@CordonWebTest
class AuthApiIT {

  @Autowired
  MockMvc mvc;

  private MockHttpSession login(String username, String password) throws Exception {
    MvcResult result = mvc.perform(post("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
            .content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
        .andExpect(status().isOk())
        .andReturn();
    return (MockHttpSession) result.getRequest().getSession(false);
  }

  @Test
  void signsInAndTellsWhoIsSignedIn() throws Exception {
    MockHttpSession session = login("community", AccountSetup.DEMO_PASSWORD);
    mvc.perform(get("/api/auth/me").session(session))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.username").value("community"))
        .andExpect(jsonPath("$.role").value("COMMUNITY_WORKER"))
        .andExpect(jsonPath("$.jurisdiction").value("140105006"))
        .andExpect(jsonPath("$.jurisdictionName").value("小店街道"))
        .andExpect(jsonPath("$.displayName").value(containsString("Community worker")));
  }

  @Test
  void loginAnswersWithTheUserAndChangesTheSessionId() throws Exception {
    MockHttpSession before = new MockHttpSession();
    String oldId = before.getId();
    MvcResult result = mvc.perform(post("/api/auth/login").session(before)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"username\":\"command\",\"password\":\"cordon-demo\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.role").value("COMMAND_CENTRE"))
        .andExpect(jsonPath("$.jurisdiction").value("1401"))
        .andReturn();
    org.assertj.core.api.Assertions.assertThat(result.getRequest().getSession(false).getId())
        .isNotEqualTo(oldId);
  }

  @Test
  void aWrongPasswordIsA401ProblemWithoutSession() throws Exception {
    mvc.perform(post("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
            .content("{\"username\":\"command\",\"password\":\"guess\"}"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(401))
        .andExpect(jsonPath("$.detail").value("wrong username or password"));
  }

  @Test
  void anUnknownUserGetsTheSameAnswerAsAWrongPassword() throws Exception {
    mvc.perform(post("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
            .content("{\"username\":\"nobody\",\"password\":\"cordon-demo\"}"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.detail").value("wrong username or password"));
  }

  @Test
  void aLoginWithoutPasswordIsABadRequest() throws Exception {
    mvc.perform(post("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
            .content("{\"username\":\"command\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("login needs both username and password"));
  }

  @Test
  void logoutEndsTheSession() throws Exception {
    MockHttpSession session = login("investigator", AccountSetup.DEMO_PASSWORD);
    mvc.perform(get("/api/auth/me").session(session)).andExpect(status().isOk());
    mvc.perform(post("/api/auth/logout").session(session)).andExpect(status().isNoContent());
    mvc.perform(get("/api/auth/me").session(session)).andExpect(status().isUnauthorized());
  }

  @Test
  void unauthenticatedApiCallsGetA401ProblemNotARedirect() throws Exception {
    mvc.perform(get("/api/persons"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().doesNotExist("Location"))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Unauthorized"))
        .andExpect(jsonPath("$.instance").value("/api/persons"))
        .andExpect(jsonPath("$.detail").value(containsString("POST /api/auth/login")));
  }

  @Test
  void browsersAreNotChallengedForBasicSoTheyShowNoPopup() throws Exception {
    mvc.perform(get("/api/dashboard/summary").header("Sec-Fetch-Mode", "cors"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", not(containsString("Basic"))))
        .andExpect(header().string("WWW-Authenticate", containsString("Bearer")));
    mvc.perform(get("/api/dashboard/summary").header("X-Requested-With", "XMLHttpRequest"))
        .andExpect(header().string("WWW-Authenticate", not(containsString("Basic"))));
  }

  @Test
  void scriptsAreChallengedForBasic() throws Exception {
    mvc.perform(get("/api/dashboard/summary"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", containsString("Basic realm=\"cordon\"")));
  }

  @Test
  void scriptsMayUseHttpBasic() throws Exception {
    // (That Basic creates no session is checked over real HTTP in SessionCookieIT.)
    mvc.perform(get("/api/auth/me").with(httpBasic("facility", "cordon-demo")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.role").value("FACILITY_MANAGER"));
  }

  @Test
  void aWrongBasicPasswordIsA401Problem() throws Exception {
    mvc.perform(get("/api/auth/me").with(httpBasic("facility", "nope")))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("wrong username or password"));
  }

  @Test
  void aForbiddenRouteIsA403ProblemNamingTheRole() throws Exception {
    mvc.perform(get("/api/tokens").with(httpBasic("investigator", "cordon-demo")))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("role INVESTIGATOR may not GET /api/tokens"));
  }

  @Test
  void theOpenApiDocumentIsPublicAndDescribesTheThreeSchemes() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.components.securitySchemes.session.in").value("cookie"))
        .andExpect(jsonPath("$.components.securitySchemes.session.name").value("JSESSIONID"))
        .andExpect(jsonPath("$.components.securitySchemes.basic.scheme").value("basic"))
        .andExpect(jsonPath("$.components.securitySchemes.bearer.scheme").value("bearer"))
        // the Caller parameter is resolved from the authentication, not a query parameter
        .andExpect(content().string(not(containsString("\"caller\""))));
  }

  @Test
  void theConsoleShellIsPublicAndMayNotBeFramed() throws Exception {
    mvc.perform(get("/index.html"))
        .andExpect(status().is(not(401)))
        .andExpect(header().string("X-Frame-Options", "DENY"))
        .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")));
  }

  @Test
  void servesEverythingButSwaggerUiWithAPolicyAllowingNothingInline() throws Exception {
    for (String path : new String[] {"/index.html", "/api/auth/me", "/v3/api-docs"}) {
      mvc.perform(get(path)).andExpect(header().string("Content-Security-Policy",
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
              + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"));
    }
    // a third-party page: its inline styles and data: icons, nothing more
    mvc.perform(get("/swagger-ui/index.html")).andExpect(header().string("Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'"));
  }
}
