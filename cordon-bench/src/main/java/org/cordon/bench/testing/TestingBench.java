package org.cordon.bench.testing;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.cordon.bench.BenchOptions;
import org.cordon.core.exchange.ExchangeSyntax;
import org.cordon.core.exchange.RecordKind;
import org.cordon.core.person.IdentityNumber;
import org.cordon.core.place.Division;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.DivisionTree;
import org.cordon.server.CordonServerApplication;
import org.cordon.server.intake.IntakeManagement;
import org.cordon.server.intake.IntakeReport;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The HTTP and database side of a testing round, end to end through the real server on 127.0.0.1: a
 * population in the communities of 小店区 (140105), one campaign, bulk sample registration
 * ({@code POST /api/testing/samples}, CSV uploads of {@code --batch} rows, after a first coverage call
 * has built the campaign's round, timed on its own), the lab's results for every
 * tube ({@code POST /api/testing/results}, a share of positive pools that recall their members), and
 * the coverage by community ({@code GET .../coverage}). Baseline in the same run and database: the same
 * sample rows written by a plain JDBC batch insert into a table of the same shape, and by COPY into a
 * copy of {@code sample} with its indexes (PostgreSQL); no checks, no HTTP.
 *
 * <pre>
 * java -Xmx4g -cp cordon-bench/target/benchmarks.jar org.cordon.bench.testing.TestingBench
 *     [--persons 500000] [--pool 10] [--batch 50000] [--positive 0.001] [--targets pg,h2] [--keep]
 *     [--auth basic|session]
 * </pre>
 * {@code --auth session} signs the administrator in once and sends the session cookie, as a script of
 * many uploads would; the default, HTTP Basic, makes the server check the password (bcrypt, tens of
 * milliseconds) on every upload. The lab sends its API token either way. The health codes' log line of
 * each results upload (facts and code changes, in ms) is printed.
 * PostgreSQL as in {@code IntakeBenchmark} (env {@code CORDON_BENCH_PG_HOST}, {@code _PORT},
 * {@code _USER}, {@code _PASSWORD}); a fresh database, dropped after unless {@code --keep}.
 */
public final class TestingBench {

  private static final String ADMIN = "bench-admin";
  private static final String PASSWORD = "bench-admin-password";
  private static final String SAMPLED_AT = "2026-11-23T08:00:00+08:00";

  private final int persons;
  private final int pool;
  private final int batch;
  private final double positiveShare;
  private final boolean session;
  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
      .build();
  private String base;
  private final List<String[]> rows = new ArrayList<>();

  private TestingBench(Map<String, String> opts) {
    persons = Integer.parseInt(opts.getOrDefault("persons", "500000"));
    pool = Integer.parseInt(opts.getOrDefault("pool", "10"));
    batch = Integer.parseInt(opts.getOrDefault("batch", "50000"));
    positiveShare = Double.parseDouble(opts.getOrDefault("positive", "0.001"));
    String auth = opts.getOrDefault("auth", "basic");
    if (!auth.equals("basic") && !auth.equals("session")) {
      throw new IllegalArgumentException("--auth is basic or session, not '" + auth + "'");
    }
    session = auth.equals("session");
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = BenchOptions.parse(args);
    TestingBench bench = new TestingBench(opts);
    boolean keep = opts.containsKey("keep");
    System.out.printf(Locale.ROOT, "persons %,d, pool %d, batch %,d, positive tubes %.3f%%, %d cores, "
        + "max heap %,d MB, auth %s%n", bench.persons, bench.pool, bench.batch, 100 * bench.positiveShare,
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
        bench.session ? "session" : "basic");
    for (String target : opts.getOrDefault("targets", "pg").split(",")) {
      switch (target.strip()) {
        case "pg" -> bench.postgres(keep);
        case "h2" -> bench.h2();
        default -> throw new IllegalArgumentException("unknown target '" + target + "' (pg, h2)");
      }
    }
  }

  private void postgres(boolean keep) throws Exception {
    String host = env("CORDON_BENCH_PG_HOST", "127.0.0.1");
    String port = env("CORDON_BENCH_PG_PORT", "5432");
    String user = env("CORDON_BENCH_PG_USER", "postgres");
    String password = env("CORDON_BENCH_PG_PASSWORD", "");
    String name = "cordon_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String admin = "jdbc:postgresql://" + host + ":" + port + "/postgres";
    sql(admin, user, password, "create database " + name);
    try {
      run("PostgreSQL", "jdbc:postgresql://" + host + ":" + port + "/" + name, user, password);
    } finally {
      if (!keep) {
        sql(admin, user, password, "drop database if exists " + name + " with (force)");
      }
    }
  }

  private void h2() throws Exception {
    Path data = Files.createTempDirectory("cordon-bench-h2");
    try {
      run("H2", "jdbc:h2:file:" + data.toAbsolutePath() + "/cordon;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE", "sa", "");
    } finally {
      try (var files = Files.walk(data)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void run(String label, String url, String user, String password) throws Exception {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("spring.datasource.url", url);
    props.put("spring.datasource.username", user);
    props.put("spring.datasource.password", password);
    props.put("server.port", 0);
    props.put("cordon.checkpoint.device-port", -1);   // not measured here; 8081 may be taken
    props.put("server.address", "127.0.0.1");
    props.put("cordon.demo.enabled", false);
    props.put("cordon.security.bootstrap-admin.username", ADMIN);
    props.put("cordon.security.bootstrap-admin.password", PASSWORD);
    props.put("cordon.security.bootstrap-admin.jurisdiction", "14");
    props.put("logging.level.root", "WARN");
    props.put("logging.level.org.cordon.server.healthcode.HealthCodeManagement", "INFO");
    props.put("logging.level.org.cordon.server.testing.ResultIntake", "INFO");
    props.put("spring.main.banner-mode", "off");
    String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
    try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(CordonServerApplication.class)
        .run(args)) {
      base = "http://127.0.0.1:" + ctx.getEnvironment().getProperty("local.server.port");
      System.out.println();
      System.out.println("== " + label);
      List<String> communities = population(ctx.getBean(IntakeManagement.class));
      String basic = "Basic " + Base64.getEncoder().encodeToString((ADMIN + ":" + PASSWORD)
          .getBytes(StandardCharsets.UTF_8));
      String labToken = setUp(basic);
      if (session) {
        expect(post("/api/auth/login", null, "application/json", "{\"username\":\"" + ADMIN
            + "\",\"password\":\"" + PASSWORD + "\"}"), 200);
        basic = null;
      }

      // the command centre opens the board before sampling starts: that builds the round (every
      // targeted person), which the first upload would otherwise wait for; timed on its own
      long built = System.nanoTime();
      expect(get("/api/testing/campaigns/BENCH/coverage?division=140105", basic), 200);
      double build = (System.nanoTime() - built) / 1e9;
      double samples = samples(basic);
      // results come hours after sampling (transport, PCR): by then PostgreSQL has vacuumed and
      // checkpointed what sampling wrote; the baselines' tables come after the results for the same reason
      double settled = url.startsWith("jdbc:postgresql:") ? settle(url, user, password) : 0;
      double[] resulted = results("Bearer " + labToken, ctx);
      double results = resulted[0];
      long[] coverage = coverage(basic);
      double baseline = baseline(url, user, password);
      // after the results: its millions of rows (and their autovacuum) must not run beside them
      double copied = url.startsWith("jdbc:postgresql:") ? copyBaseline(url, user, password) : Double.NaN;
      int tubes = (persons + pool - 1) / pool;
      System.out.println();
      System.out.println("| step (" + label + ", " + String.format(Locale.ROOT, "%,d", persons)
          + " persons in " + communities.size() + " communities, " + String.format(Locale.ROOT, "%,d", tubes)
          + " tubes of " + pool + ") | time | rate |");
      System.out.println("|---|---|---|");
      System.out.printf(Locale.ROOT, "| the round built before sampling (first coverage call, %,d targeted) | %.1f s | |%n",
          persons, build);
      System.out.printf(Locale.ROOT, "| register samples, HTTP CSV uploads of %,d rows | %.1f s | %,.0f samples/s |%n",
          batch, samples, persons / samples);
      System.out.printf(Locale.ROOT, "| the same with the round's build counted in (as runs before 2026-11-27 18:15) | %.1f s | %,.0f samples/s |%n",
          samples + build, persons / (samples + build));
      System.out.printf(Locale.ROOT, "| baseline: same rows, plain JDBC batch insert, no checks | %.1f s | %,.0f rows/s |%n",
          baseline, persons / baseline);
      if (!Double.isNaN(copied)) {
        System.out.printf(Locale.ROOT, "| baseline: same rows, plain COPY into a table of sample's shape and indexes, no checks | %.1f s | %,.0f rows/s |%n",
            copied, persons / copied);
      }
      System.out.printf(Locale.ROOT, "| (before the results: autovacuum waited for, sample, tube and person vacuumed and analyzed, a checkpoint) | %.1f s | |%n",
          settled);
      System.out.printf(Locale.ROOT, "| all tube results (CSV, %,d positive pools) and the recall list | %.1f s | %,.0f tubes/s |%n",
          positives(tubes), results, tubes / results);
      System.out.printf(Locale.ROOT, "| … until a recalled member's health code is yellow (from the upload's start) | %.1f s | |%n",
          resulted[1]);
      System.out.printf(Locale.ROOT, "| … until the health codes have taken every tube (the feed done) | %.1f s | |%n",
          resulted[2]);
      System.out.printf(Locale.ROOT, "| coverage of 小店区 by street (first / median of 5) | %d ms / %d ms | |%n",
          coverage[0], coverage[1]);
      System.out.printf(Locale.ROOT, "| coverage of one street by community (first / median of 5) | %d ms / %d ms | |%n",
          coverage[2], coverage[3]);
    }
  }

  /** Persons spread evenly over the communities of 小店区; returns the communities. */
  private List<String> population(IntakeManagement intake) {
    DivisionTree tree = DivisionTree.shipped();
    List<String> communities = tree.descendantsAtLevel(new DivisionCode("140105"), 5).stream()
        .map(Division::code).map(DivisionCode::value).toList();
    StringBuilder csv = new StringBuilder(persons * 80)
        .append("person_id,household_id,home_division,id_number,name,phone,lat,lon\n");
    rows.clear();
    for (int i = 0; i < persons; i++) {
      long id = i + 1L;
      String home = communities.get(i % communities.size());
      String first17 = "140105" + birth(id) + String.format(Locale.ROOT, "%03d", id % 1000);
      csv.append(id).append(',').append(id).append(',').append(home).append(',').append(first17)
          .append(IdentityNumber.checkCharacter(first17)).append(",居民").append(id).append(",1390000")
          .append(String.format(Locale.ROOT, "%04d", id % 10000)).append(",37.8,112.56\n");
      rows.add(new String[] {Long.toString(id), "T" + (i / pool)});
    }
    long t0 = System.nanoTime();
    IntakeReport r = intake.ingest(RecordKind.PERSONS, ExchangeSyntax.CSV,
        new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), false);
    System.out.printf(Locale.ROOT, "persons stored: %,d in %.1f s (intake)%n", r.accepted(),
        (System.nanoTime() - t0) / 1e9);
    return communities;
  }

  // unique birth date + order code per id, as in the test residents
  private static String birth(long id) {
    return java.time.LocalDate.of(1950, 1, 1).plusDays(id / 1000 % 20000)
        .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
  }

  private String setUp(String basic) throws Exception {
    expect(post("/api/testing/sites", basic, "application/json", "{\"siteId\":\"BENCH-S1\",\"name\":\"bench\","
        + "\"division\":\"140105\",\"lat\":37.8,\"lon\":112.56}"), 200);
    expect(post("/api/testing/campaigns", basic, "application/json", "{\"campaignId\":\"BENCH\",\"name\":\"bench\","
        + "\"poolSize\":" + pool + ",\"startsAt\":\"2026-11-22T00:00:00+08:00\","
        + "\"endsAt\":\"2026-11-24T00:00:00+08:00\",\"divisions\":[\"140105\"]}"), 201);
    String created = expect(post("/api/tokens", basic, "application/json",
        "{\"label\":\"bench lab\",\"role\":\"LAB\"}"), 200, 201);
    int at = created.indexOf("\"token\":\"");
    return created.substring(at + 9, created.indexOf('"', at + 9));
  }

  private double samples(String basic) throws Exception {
    long t0 = System.nanoTime();
    for (int from = 0; from < persons; from += batch) {
      StringBuilder csv = new StringBuilder("campaign,site,tube,person_id,sampled_at\n");
      for (int i = from; i < Math.min(persons, from + batch); i++) {
        csv.append("BENCH,BENCH-S1,").append(rows.get(i)[1]).append(',').append(rows.get(i)[0]).append(',')
            .append(SAMPLED_AT).append('\n');
      }
      expect(post("/api/testing/samples", basic, "text/csv", csv.toString()), 200);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * The database as it stands hours after sampling, when the results come: waits until no autovacuum
   * worker has run for two seconds (at most three minutes), vacuums and analyzes what sampling wrote
   * (autovacuum's work of those hours, done here so it cannot start in the middle of the upload; two
   * runs that only waited locked the tubes in 1.4 s and 2.8 s), then checkpoints. Seconds taken.
   */
  private static double settle(String url, String user, String password) throws Exception {
    long t0 = System.nanoTime();
    long deadline = t0 + 180_000_000_000L;
    try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
      int quiet = 0;
      while (quiet < 4 && System.nanoTime() < deadline) {
        try (java.sql.ResultSet rs = st.executeQuery("select count(*) from pg_stat_activity "
            + "where backend_type = 'autovacuum worker'")) {
          rs.next();
          quiet = rs.getInt(1) == 0 ? quiet + 1 : 0;
        }
        Thread.sleep(500);
      }
      st.execute("vacuum (analyze) sample, tube, person");
      st.execute("checkpoint");
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private double baseline(String url, String user, String password) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      try (Statement st = c.createStatement()) {
        st.execute("create table bench_sample (campaign_id varchar(64) not null, person_id bigint not null, "
            + "purpose varchar(8) not null, tube_barcode varchar(64) not null, site_id varchar(64) not null, "
            + "sampled_at timestamp with time zone not null, collected_by varchar(64) not null, "
            + "primary key (campaign_id, person_id, purpose))");
      }
      c.setAutoCommit(false);
      OffsetDateTime at = OffsetDateTime.parse(SAMPLED_AT);
      long t0 = System.nanoTime();
      try (PreparedStatement ps = c.prepareStatement("insert into bench_sample values (?, ?, ?, ?, ?, ?, ?)")) {
        for (int from = 0; from < persons; from += batch) {
          for (int i = from; i < Math.min(persons, from + batch); i++) {
            ps.setString(1, "BENCH");
            ps.setLong(2, Long.parseLong(rows.get(i)[0]));
            ps.setString(3, "screen");
            ps.setString(4, rows.get(i)[1]);
            ps.setString(5, "BENCH-S1");
            ps.setObject(6, at);
            ps.setString(7, ADMIN);
            ps.addBatch();
            if ((i + 1) % 1000 == 0) {
              ps.executeBatch();
            }
          }
          ps.executeBatch();
          c.commit();
        }
      }
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  /**
   * The same rows by COPY (text format) in uploads of {@code --batch}, each committed, into a copy of
   * {@code sample} with its keys and indexes: what PostgreSQL alone does with the rows registration
   * stores, without checks, HTTP or the tubes.
   */
  private double copyBaseline(String url, String user, String password) throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      try (Statement st = c.createStatement()) {
        st.execute("create table bench_sample_copy (like sample including all)");
      }
      c.setAutoCommit(false);
      String at = OffsetDateTime.parse(SAMPLED_AT).toString();
      org.postgresql.copy.CopyManager copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
      long t0 = System.nanoTime();
      for (int from = 0; from < persons; from += batch) {
        StringBuilder data = new StringBuilder(batch * 64);
        for (int i = from; i < Math.min(persons, from + batch); i++) {
          data.append("BENCH\t").append(rows.get(i)[0]).append("\tscreen\t").append(rows.get(i)[1])
              .append("\tBENCH-S1\t").append(at).append('\t').append(ADMIN).append('\n');
        }
        copy.copyIn("copy bench_sample_copy (campaign_id, person_id, purpose, tube_barcode, site_id, "
            + "sampled_at, collected_by) from stdin", new java.io.StringReader(data.toString()));
        c.commit();
      }
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  private int positives(int tubes) {
    return (int) Math.max(1, Math.round(tubes * positiveShare));
  }

  /**
   * The results upload: seconds until its answer, until a member of the first positive pool is yellow,
   * and until the health codes have taken every tube ({@code LabResultFeed}).
   */
  private double[] results(String bearer, ConfigurableApplicationContext ctx) throws Exception {
    long member = ctx.getBean(org.springframework.jdbc.core.JdbcTemplate.class).queryForObject(
        "select min(person_id) from sample where tube_barcode = 'T0'", Long.class);
    org.cordon.server.healthcode.HealthCodeManagement codes = ctx.getBean(
        org.cordon.server.healthcode.HealthCodeManagement.class);
    int tubes = (persons + pool - 1) / pool;
    int every = Math.max(1, tubes / positives(tubes));
    StringBuilder csv = new StringBuilder("tube,result,result_time,lab\n");
    for (int t = 0; t < tubes; t++) {
      csv.append('T').append(t).append(t % every == 0 ? ",positive," : ",negative,")
          .append("2026-11-23T09:00:00+08:00,bench\n");
    }
    long t0 = System.nanoTime();
    expect(post("/api/testing/results", bearer, "text/csv", csv.toString()), 200);
    double answered = (System.nanoTime() - t0) / 1e9;
    long deadline = System.nanoTime() + 600_000_000_000L;
    while (codes.colour(member) != org.cordon.core.healthcode.CodeColour.YELLOW && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    double yellow = (System.nanoTime() - t0) / 1e9;
    if (!ctx.getBean(org.cordon.server.testing.LabResultFeed.class).awaitIdle(java.time.Duration.ofMinutes(10))) {
      throw new IllegalStateException("the lab-result feed did not finish in 10 minutes");
    }
    return new double[] {answered, yellow, (System.nanoTime() - t0) / 1e9};
  }

  private long[] coverage(String basic) throws Exception {
    long[] out = new long[4];
    String[] divisions = {"140105", "140105006"};
    for (int d = 0; d < 2; d++) {
      long[] ms = new long[5];
      for (int i = 0; i < ms.length; i++) {
        long t0 = System.nanoTime();
        expect(get("/api/testing/campaigns/BENCH/coverage?division=" + divisions[d], basic), 200);
        ms[i] = (System.nanoTime() - t0) / 1_000_000;
      }
      out[2 * d] = ms[0];
      long[] sorted = ms.clone();
      Arrays.sort(sorted);
      out[2 * d + 1] = sorted[2];
    }
    return out;
  }

  /** A request to {@code path}; {@code auth} null: the session cookie (if any) alone. */
  private HttpRequest.Builder request(String path, String auth) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    return auth == null ? b : b.header("Authorization", auth);
  }

  private HttpResponse<String> post(String path, String auth, String type, String body) throws Exception {
    return http.send(request(path, auth).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> get(String path, String auth) throws Exception {
    return http.send(request(path, auth).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String expect(HttpResponse<String> r, int... statuses) {
    for (int s : statuses) {
      if (r.statusCode() == s) {
        return r.body();
      }
    }
    String body = r.body();
    throw new IllegalStateException(r.request().method() + " " + r.request().uri() + " answered "
        + r.statusCode() + ": " + body.substring(0, Math.min(600, body.length())));
  }

  private static void sql(String url, String user, String password, String statement) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
      st.execute(statement);
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
