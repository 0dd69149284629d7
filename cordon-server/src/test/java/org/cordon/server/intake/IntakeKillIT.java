package org.cordon.server.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.cordon.core.exchange.ExchangeFixtures;
import org.cordon.core.exchange.IsoTime;
import org.cordon.server.support.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the real server ({@code kill -9}) in the middle of a streamed bulk upload and checks, after a
 * restart on the same data, that every acknowledged upload is all there and the killed one is not
 * there at all. Runs the packaged {@code cordon-server-*-exec.jar} (built by {@code package}, before
 * failsafe), on embedded H2 and on PostgreSQL.
 */
class IntakeKillIT {

  private static final int PERSONS = 2_000;
  private static final int VENUES = 5;
  private static final int ACKED_BATCHES = 3;
  private static final int ACKED_ROWS = 5_000;
  private static final String AUTH = "Basic " + Base64.getEncoder()
      .encodeToString("command:cordon-demo".getBytes(StandardCharsets.UTF_8));

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path dir;

  @Test
  void keepsAcknowledgedUploadsAndNothingOfTheKilledOneOnH2() throws Exception {
    Path data = dir.resolve("data");
    String h2 = "jdbc:h2:file:" + data.toAbsolutePath() + "/cordon;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    scenario(Map.of(), () -> {
      try {
        return DriverManager.getConnection(h2, "sa", "");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }, data, true);
  }

  @Test
  void keepsAcknowledgedUploadsAndNothingOfTheKilledOneOnPostgres() throws Exception {
    PostgresTestDatabase pg = new PostgresTestDatabase();
    pg.create();
    try {
      scenario(Map.of("CORDON_DB_URL", pg.url(), "CORDON_DB_USER", pg.user(), "CORDON_DB_PASSWORD", ""),
          () -> {
            try {
              return DriverManager.getConnection(pg.url(), pg.user(), "");
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          }, dir.resolve("data"), false);
    } finally {
      pg.drop();
    }
  }

  private void scenario(Map<String, String> env, java.util.function.Supplier<Connection> db, Path data,
      boolean stopBeforeCounting) throws Exception {
    int port = freePort();
    Process server = start(port, data, env, "first");
    try {
      awaitReady(port, server);
      assertThat(post(port, "persons", persons()).statusCode()).isEqualTo(200);
      assertThat(post(port, "venues", venues()).statusCode()).isEqualTo(200);
      for (int b = 0; b < ACKED_BATCHES - 1; b++) {
        assertAccepted(post(port, "scans", ackedScans(b)));
      }
      AtomicLong sent = new AtomicLong();
      HttpRequest big = request(port, "scans", HttpRequest.BodyPublishers.ofInputStream(() -> endlessScans(sent)));
      CompletableFuture<HttpResponse<String>> pending = http.sendAsync(big, HttpResponse.BodyHandlers.ofString());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (sent.get() < 3_000_000 && System.nanoTime() < deadline && !pending.isDone()) {
        Thread.sleep(5);
      }
      // the last acknowledgement comes while the big upload streams, and the kill right after it,
      // so an acknowledged commit that is not yet on disk would be caught
      assertAccepted(post(port, "scans", ackedScans(ACKED_BATCHES - 1)));
      assertThat(pending).as("the big upload must still be streaming when the server dies").isNotDone();
      assertThat(sent.get()).isGreaterThanOrEqualTo(3_000_000);
      server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      assertThat(pending).failsWithin(Duration.ofSeconds(30));
    } finally {
      server.destroyForcibly();
    }

    Process again = start(port, data, env, "second");
    try {
      awaitReady(port, again);
      // every acknowledged row is there: re-sending them finds only duplicates
      HttpResponse<String> r = post(port, "scans", ackedScans(ACKED_BATCHES - 1));
      assertThat(r.body()).contains("\"accepted\":0").contains("\"duplicates\":" + ACKED_ROWS);
      if (stopBeforeCounting) {
        again.destroy();
        assertThat(again.waitFor(60, TimeUnit.SECONDS)).as("graceful stop").isTrue();
      }
      try (Connection c = db.get(); Statement st = c.createStatement()) {
        assertThat(count(st, "select count(*) from person")).isEqualTo(PERSONS);
        assertThat(count(st, "select count(*) from venue_scan where scan_time >= timestamp with time zone '2022-01-01 00:00:00+00'"))
            .isEqualTo((long) ACKED_BATCHES * ACKED_ROWS);
        assertThat(count(st, "select count(*) from venue_scan where scan_time < timestamp with time zone '2022-01-01 00:00:00+00'"))
            .as("rows of the killed upload").isZero();
      }
    } finally {
      again.destroyForcibly();
      again.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static void assertAccepted(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"accepted\":" + ACKED_ROWS);
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String persons() {
    StringBuilder sb = new StringBuilder("person_id,household_id,home_division,id_number,name,phone,lat,lon\n");
    for (long id = 1; id <= PERSONS; id++) {
      sb.append(id).append(',').append(id).append(",140105001001,")
          .append(ExchangeFixtures.idFor(id).value()).append(",P").append(id).append(",,37.8,112.5\n");
    }
    return sb.toString();
  }

  private static String venues() {
    StringBuilder sb = new StringBuilder("venue_id,name,kind,division,lat,lon,dwell_minutes,contact_class\n");
    for (int v = 1; v <= VENUES; v++) {
      sb.append('V').append(v).append(",Venue ").append(v).append(",market,140105001,37.8,112.5,,\n");
    }
    return sb.toString();
  }

  /** Batch {@code b} of the acknowledged uploads: 2022 times, distinct per batch. */
  private static String ackedScans(int b) {
    StringBuilder sb = new StringBuilder("person_id,venue_id,time\n");
    Instant base = Instant.parse("2022-03-01T00:00:00Z").plusSeconds(b * 86_400L);
    for (int i = 0; i < ACKED_ROWS; i++) {
      sb.append(1 + i % PERSONS).append(",V").append(1 + i % VENUES).append(',');
      IsoTime.append(base.plusSeconds(i), sb);
      sb.append('\n');
    }
    return sb.toString();
  }

  /** An upload that never ends by itself: 2021 times, counting the bytes handed out. */
  private static InputStream endlessScans(AtomicLong sent) {
    return new InputStream() {
      private byte[] line = "person_id,venue_id,time\n".getBytes(StandardCharsets.US_ASCII);
      private int pos;
      private long i;
      private final Instant base = Instant.parse("2021-01-01T00:00:00Z");

      @Override
      public int read() {
        if (pos == line.length) {
          StringBuilder sb = new StringBuilder(48);
          sb.append(1 + i % PERSONS).append(",V").append(1 + i % VENUES).append(',');
          IsoTime.append(base.plusSeconds(i++), sb);
          line = sb.append('\n').toString().getBytes(StandardCharsets.US_ASCII);
          pos = 0;
        }
        sent.incrementAndGet();
        return line[pos++];
      }

      @Override
      public int read(byte[] b, int off, int len) {
        int n = 0;
        while (n < len) {
          b[off + n++] = (byte) read();
        }
        return n;
      }
    };
  }

  private HttpRequest request(int port, String kind, HttpRequest.BodyPublisher body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/intake/" + kind))
        .header("Authorization", AUTH).header("Content-Type", "text/csv").POST(body).build();
  }

  private HttpResponse<String> post(int port, String kind, String body) throws IOException, InterruptedException {
    return http.send(request(port, kind, HttpRequest.BodyPublishers.ofString(body)),
        HttpResponse.BodyHandlers.ofString());
  }

  private Process start(int port, Path data, Map<String, String> env, String name) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m",
        "-Dcordon.security.demo-users=true", "-Dspring.security.user.name=command",
        "-Dspring.security.user.password=cordon-demo", "-Dspring.security.user.roles=COMMAND_CENTRE",
        // the venue devices' listener on a free port: 8081 may be taken by anything else on the machine
        "-Dcordon.checkpoint.device-port=0",
        "-jar", execJar().toString(), "serve", "--port", Integer.toString(port),
        "--data-dir", data.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("server-" + name + ".log").toFile());
    pb.environment().remove("CORDON_DB_URL");
    pb.environment().putAll(env);
    return pb.start();
  }

  private void awaitReady(int port, Process server) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs"))
        .header("Authorization", AUTH).timeout(Duration.ofSeconds(5)).GET().build();
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new AssertionError("server died on start:\n" + logs());
      }
      try {
        if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("server not ready in 180 s:\n" + logs());
  }

  private String logs() throws IOException {
    StringBuilder sb = new StringBuilder();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "server-*.log")) {
      for (Path p : ds) {
        String text = Files.readString(p);
        sb.append("== ").append(p.getFileName()).append('\n')
            .append(text.length() > 6000 ? text.substring(text.length() - 6000) : text);
      }
    }
    return sb.toString();
  }

  private static Path execJar() throws IOException {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("target"), "cordon-server-*-exec.jar")) {
      for (Path p : ds) {
        return p.toAbsolutePath();
      }
    }
    throw new IllegalStateException("no target/cordon-server-*-exec.jar: run through 'mvn verify'");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
