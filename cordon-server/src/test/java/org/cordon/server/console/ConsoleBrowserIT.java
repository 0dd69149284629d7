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
 * Runs the console's browser tests ({@code cordon-console/e2e/*.e2e.mjs}) in Debian's headless
 * Chromium against this server on a random port with a fresh H2 database: {@code intake.e2e.mjs} signs
 * in, uploads venues, persons (a strict batch with a bad row first) and scans, and sees the dashboard
 * counts go up by exactly what was stored; {@code casepage.e2e.mjs} confirms a case and checks its
 * page: itinerary, map markers, transmission graph, the evidence behind a clicked node.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"cordon.security.demo-users=true", "server.address=127.0.0.1"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ConsoleBrowserIT {

  @TempDir
  static Path dataDir;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    BrowserScript.h2FileDatabase(registry, dataDir);
  }

  @LocalServerPort
  int port;

  @Test
  void signsInUploadsFilesAndSeesTheDashboardCountsChange() throws Exception {
    // 360 s of work, plus up to 13 minutes of waiting when run around Shanghai midnight (the script
    // keeps its scans within today and ten minutes long)
    BrowserScript.run("intake.e2e.mjs", port, "/static/index.html", 360 + 780);
  }

  @Test
  void confirmsACaseAndFollowsItsPageFromItineraryToEvidence() throws Exception {
    BrowserScript.run("casepage.e2e.mjs", port, "/static/index.html", 360);
  }
}
