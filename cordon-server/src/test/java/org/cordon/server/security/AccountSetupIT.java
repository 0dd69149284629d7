package org.cordon.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.cordon.server.CordonServerApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** A server started without cordon.security.demo-users: only the configured bootstrap admin exists. */
@SpringBootTest(classes = CordonServerApplication.class, properties = {
    "spring.datasource.url=jdbc:h2:mem:accounts-${random.uuid};MODE=PostgreSQL;"
        + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
    "cordon.security.bootstrap-admin.username=chief",
    "cordon.security.bootstrap-admin.password=a-long-first-password",
    "cordon.security.bootstrap-admin.jurisdiction=140100"})
@AutoConfigureMockMvc
class AccountSetupIT {

  @Autowired
  MockMvc mvc;
  @Autowired
  JdbcClient jdbc;

  @Test
  void noDemoAccountsOrTokensExistWithoutTheProperty() throws Exception {
    assertThat(jdbc.sql("select username from console_user").query(String.class).list())
        .containsExactly("chief");
    assertThat(jdbc.sql("select count(*) from api_token").query(Long.class).single()).isZero();
    mvc.perform(get("/api/auth/me").with(httpBasic("command", AccountSetup.DEMO_PASSWORD)))
        .andExpect(status().isUnauthorized());
    mvc.perform(get("/api/auth/me").header("Authorization", "Bearer " + AccountSetup.DEMO_DEVICE_TOKEN))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void theBootstrapAdminIsACommandCentreWithAHashedPassword() throws Exception {
    mvc.perform(get("/api/auth/me").with(httpBasic("chief", "a-long-first-password")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.role").value("COMMAND_CENTRE"))
        .andExpect(jsonPath("$.jurisdiction").value("1401"));
    String hash = jdbc.sql("select password_hash from console_user where username = 'chief'")
        .query(String.class).single();
    assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("a-long-first-password");
  }
}
