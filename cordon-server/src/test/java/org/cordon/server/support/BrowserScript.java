package org.cordon.server.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Runs one of the console's browser tests ({@code cordon-console/e2e/*.e2e.mjs}, Playwright driving
 * Debian's headless Chromium) against a server on 127.0.0.1 and fails with the script's whole output
 * when it exits non-zero or overruns. The browser ITs are Spring Boot tests on a random port over a
 * fresh H2 file database ({@link #h2FileDatabase}).
 */
public final class BrowserScript {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private BrowserScript() {
  }

  /** Points the test server at a fresh H2 file database (and data directory) in {@code dataDir}. */
  public static void h2FileDatabase(DynamicPropertyRegistry registry, Path dataDir) {
    registry.add("cordon.data-dir", dataDir::toString);
    registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dataDir.resolve("cordon")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE");
  }

  /**
   * Runs {@code cordon-console/e2e/<name>} against {@code http://127.0.0.1:<port>}.
   *
   * @param page a resource the script's page needs on the classpath (e.g. {@code /static/index.html})
   */
  public static void run(String name, int port, String page, long timeoutSeconds) throws Exception {
    assertTrue(Files.isExecutable(CHROMIUM),
        CHROMIUM + " is missing: run bin/ensure-test-services (installs Debian's chromium and chromium-driver)");
    assertNotNull(BrowserScript.class.getResource(page),
        page + " is not on the classpath: build the console with ./mvnw verify (without -Dconsole.skip=true)");
    Path console = repositoryRoot().resolve("cordon-console");
    Path script = console.resolve("e2e").resolve(name);
    assertTrue(Files.isDirectory(console.resolve("node_modules/playwright-core")),
        "cordon-console/node_modules is missing: run npm ci in cordon-console (./mvnw verify does)");

    String tag = "[" + name.replace(".e2e.mjs", "") + "-e2e] ";
    Process node = new ProcessBuilder("node", script.toString(), "http://127.0.0.1:" + port)
        .directory(console.toFile())
        .redirectErrorStream(true)
        .start();
    StringBuilder output = new StringBuilder();
    Thread pump = new Thread(() -> copyLines(node, tag, output), tag.strip() + "-output");
    pump.setDaemon(true);
    pump.start();

    if (!node.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      // the browser is a child of node: stop it too, or it outlives the test
      node.descendants().forEach(ProcessHandle::destroyForcibly);
      node.destroyForcibly();
      pump.join(5_000);
      fail(name + " did not finish within " + timeoutSeconds + " s; output:\n" + output);
    }
    pump.join(5_000);
    assertEquals(0, node.exitValue(), name + " failed (screenshots in cordon-console/target/e2e); output:\n"
        + output);
  }

  private static void copyLines(Process process, String tag, StringBuilder sink) {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        System.out.println(tag + line);
        synchronized (sink) {
          sink.append(line).append('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The checkout root, found upwards from the module directory failsafe runs in. */
  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("cordon-console/e2e"))) {
        return p;
      }
    }
    throw new IllegalStateException("no cordon-console/e2e above " + dir);
  }
}
