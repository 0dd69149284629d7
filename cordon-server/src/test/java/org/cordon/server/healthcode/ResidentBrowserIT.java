package org.cordon.server.healthcode;

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
 * Runs the resident page's browser test ({@code cordon-console/e2e/resident.e2e.mjs}) in Debian's
 * headless Chromium against this server on a random port with a fresh H2 database: a case is confirmed
 * over the API, its close contact signs in on {@code /resident/} and sees a red code with the reason.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"cordon.security.demo-users=true", "cordon.resident.show-codes=true",
        "server.address=127.0.0.1"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ResidentBrowserIT {

  @TempDir
  static Path dataDir;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    BrowserScript.h2FileDatabase(registry, dataDir);
  }

  @LocalServerPort
  int port;

  @Test
  void aTracedCloseContactSeesARedCodeWithTheReason() throws Exception {
    BrowserScript.run("resident.e2e.mjs", port, "/static/resident/index.html", 240);
  }
}
