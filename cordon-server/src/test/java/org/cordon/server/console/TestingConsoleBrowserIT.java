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
 * Runs the console's mass-testing browser test ({@code cordon-console/e2e/testing.e2e.mjs}) in Debian's
 * headless Chromium against this server on a random port with a fresh H2 database: seeds a round over
 * the API, then checks the campaign board, turnaround, missed list and recall list in the page. Same
 * set-up as {@link ConsoleBrowserIT}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"cordon.security.demo-users=true", "server.address=127.0.0.1"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TestingConsoleBrowserIT {

  @TempDir
  static Path dataDir;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    BrowserScript.h2FileDatabase(registry, dataDir);
  }

  @LocalServerPort
  int port;

  @Test
  void showsTheRoundTurnaroundMissedAndRecallLists() throws Exception {
    BrowserScript.run("testing.e2e.mjs", port, "/static/index.html", 300);
  }
}
