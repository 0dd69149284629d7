package org.cordon.server.console;

import java.nio.file.Path;
import org.cordon.server.support.BrowserScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs the console's health-code browser test ({@code cordon-console/e2e/healthcode.e2e.mjs}) in Debian's
 * headless Chromium against this server on a random port with a fresh H2 database: a secondary contact's
 * code looked up on the 健康码 page turns red when the command centre switches the policy to the 8th
 * edition in the confirmation dialog, and yellow again when it switches back. Same set-up as
 * {@link ConsoleBrowserIT}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"cordon.security.demo-users=true", "server.address=127.0.0.1"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HealthCodeConsoleBrowserIT {

  @TempDir
  static Path dataDir;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    BrowserScript.h2FileDatabase(registry, dataDir);
  }

  @LocalServerPort
  int port;

  @Test
  void anAdministratorSwitchesThePolicyAndBackAndTheSecondaryContactsCodeFollows() throws Exception {
    BrowserScript.run("healthcode.e2e.mjs", port, "/static/index.html", 240);
  }
}
