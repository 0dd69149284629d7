package org.cordon.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final long TIMEOUT_SECONDS = 300;

  @TempDir
  static Path dataDir;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("cordon.data-dir", () -> dataDir.toString());
    registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dataDir.resolve("cordon")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE");
  }

  @LocalServerPort
  int port;

  @Test
  void showsTheRoundTurnaroundMissedAndRecallLists() throws Exception {
    assertTrue(Files.isExecutable(CHROMIUM),
        CHROMIUM + " is missing: run bin/ensure-test-services (installs Debian's chromium and chromium-driver)");
    assertNotNull(getClass().getResource("/static/index.html"),
        "the console is not on the classpath: build it with ./mvnw verify (without -Dconsole.skip=true)");
    Path console = root().resolve("cordon-console");
    assertTrue(Files.isDirectory(console.resolve("node_modules/playwright-core")),
        "cordon-console/node_modules is missing: run npm ci in cordon-console (./mvnw verify does)");
    Process node = new ProcessBuilder("node", console.resolve("e2e/testing.e2e.mjs").toString(),
        "http://127.0.0.1:" + port).directory(console.toFile()).redirectErrorStream(true).start();
    StringBuilder output = new StringBuilder();
    Thread pump = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          System.out.println("[testing-e2e] " + line);
          synchronized (output) {
            output.append(line).append('\n');
          }
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, "testing-e2e-output");
    pump.setDaemon(true);
    pump.start();
    if (!node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      node.descendants().forEach(ProcessHandle::destroyForcibly);
      node.destroyForcibly();
      pump.join(5_000);
      fail("the browser test did not finish within " + TIMEOUT_SECONDS + " s; output:\n" + output);
    }
    pump.join(5_000);
    assertEquals(0, node.exitValue(), "the browser test failed (screenshot in cordon-console/target/e2e); "
        + "output:\n" + output);
  }

  private static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("cordon-console/e2e/testing.e2e.mjs"))) {
        return p;
      }
    }
    throw new IllegalStateException("no cordon-console/e2e/testing.e2e.mjs above " + dir);
  }
}
