package org.cordon.bench.checkpoint;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.cordon.bench.BenchOptions;
import org.cordon.core.exchange.ExchangeSyntax;
import org.cordon.core.exchange.RecordKind;
import org.cordon.core.healthcode.CodeColour;
import org.cordon.core.place.DivisionCode;
import org.cordon.server.CordonServerApplication;
import org.cordon.server.checkpoint.CheckpointAdmission;
import org.cordon.server.checkpoint.DeviceListener;
import org.cordon.server.checkpoint.EntryJournal;
import org.cordon.server.healthcode.CodeTokens;
import org.cordon.server.intake.IntakeManagement;
import org.cordon.server.security.ApiTokens;
import org.cordon.server.security.Role;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Load on the venue checkpoint ({@code POST /api/checkpoint/check}) over loopback HTTP, side by side with
 * a constant-answer JDK HTTP server as the ceiling (and a constant-answer Netty server), then a burst of
 * 10x the connections; on the venue devices' own listener and on the main port, one after the other.
 *
 * <p>The server runs in this JVM (the devices' Netty listener or Tomcat with Spring Security, bearer
 * device tokens, the whole check: token, colour, ledger, group commit), on a fresh H2 file database or
 * PostgreSQL database. Every
 * request is a real check with a distinct (token, venue) pair; every 200 is an acknowledged entry, and
 * after each phase the rows in {@code checkpoint_check} and {@code venue_scan} are counted against the
 * acknowledgements. The load generator ({@link LoopbackLoad}) shares the two cores with the server.
 *
 * <pre>
 * java -Xmx4g -cp cordon-bench/target/benchmarks.jar org.cordon.bench.checkpoint.CheckpointBench
 *     [--db h2|pg] [--seconds 20] [--connections 32] [--burst-factor 10] [--burst-seconds 10]
 *     [--persons 5000] [--venues 128] [--max-in-flight 96] [--warmup-seconds 5]
 *     [--listeners device,main] [--journal-writers 3] [--journal database|file] [--sync-spacing-micros 1000] [--load-interval-millis 100] [--rate 20000 --connections 256]
 *     [--ceiling-connections 32] [--client threads|selector]
 * </pre>
 */
public final class CheckpointBench {

  /** Requests a second offered by the open-loop client, 0 for the closed loop. */
  private static double rate;
  /** Closed loop with the one-thread selector client instead of a thread per connection. */
  private static boolean selectorClient;

  private CheckpointBench() {
  }

  public static void main(String[] args) throws Exception {
    // without it the JDK server's answer waits for the client's delayed ACK (about 40 ms a request)
    System.setProperty("sun.net.httpserver.nodelay", "true");
    Map<String, String> o = BenchOptions.parse(args);
    String db = o.getOrDefault("db", "h2");
    double seconds = Double.parseDouble(o.getOrDefault("seconds", "20"));
    int connections = Integer.parseInt(o.getOrDefault("connections", "32"));
    // 0: closed loop (each connection sends its next request when answered); else requests a second,
    // open loop (OpenLoopLoad), the burst at burst-factor times that rate
    rate = Double.parseDouble(o.getOrDefault("rate", "0"));
    int ceilingConnections = Integer.parseInt(o.getOrDefault("ceiling-connections", "32"));
    selectorClient = o.getOrDefault("client", "threads").equals("selector");
    int burstFactor = Integer.parseInt(o.getOrDefault("burst-factor", "10"));
    double burstSeconds = Double.parseDouble(o.getOrDefault("burst-seconds", "10"));
    int persons = Integer.parseInt(o.getOrDefault("persons", "5000"));
    int venues = Integer.parseInt(o.getOrDefault("venues", "128"));
    String maxInFlight = o.getOrDefault("max-in-flight", "96");
    // the server's path is deep (Tomcat, Spring Security, MVC): C2 was still compiling it at 0.4 of a
    // core 30 s into a run with 5 s of warm-up, so the measured phase paid for the JIT
    double warmupSeconds = Double.parseDouble(o.getOrDefault("warmup-seconds", "5"));

    System.out.printf(Locale.ROOT, "checkpoint bench: db %s, %d connections for %.0f s, burst %dx for %.0f s, "
        + "%d persons x %d venues, max-in-flight %s, %d cores, JDK %s%n", db, connections, seconds,
        burstFactor, burstSeconds, persons, venues, maxInFlight, Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));

    List<String> listeners = List.of(o.getOrDefault("listeners", "device,main").split(","));
    Result ceiling = ceiling(ceilingConnections, seconds);
    Result nettyCeiling = nettyCeiling(ceilingConnections, seconds, 0);
    Result nettyAtRate = rate > 0 ? nettyCeiling(connections, seconds, rate) : null;

    Path dir = Files.createTempDirectory("cordon-checkpoint-bench");
    String pgName = null;
    Map<String, Object> props = new LinkedHashMap<>();
    if (db.equals("pg")) {
      pgName = "cordon_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      admin("create database " + pgName);
      props.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/" + pgName);
      props.put("spring.datasource.username", "postgres");
      props.put("spring.datasource.password", "");
    } else {
      props.put("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("cordon")
          + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE");
      props.put("spring.datasource.username", "sa");
      props.put("spring.datasource.password", "");
    }
    props.put("cordon.data-dir", dir.toString());
    props.put("server.port", 0);
    props.put("server.address", "127.0.0.1");
    props.put("cordon.demo.enabled", false);
    props.put("cordon.checkpoint.max-in-flight", maxInFlight);
    props.put("cordon.checkpoint.device-port", 0);
    if (o.containsKey("load-interval-millis")) {
      props.put("cordon.checkpoint.load-interval-millis", o.get("load-interval-millis"));
    }
    if (o.containsKey("sync-spacing-micros")) {
      props.put("cordon.checkpoint.sync-spacing-micros", o.get("sync-spacing-micros"));
    }
    if (o.containsKey("journal")) {
      props.put("cordon.checkpoint.journal", o.get("journal"));
    }
    if (o.containsKey("journal-writers")) {
      props.put("cordon.checkpoint.journal-writers", o.get("journal-writers"));
    }
    props.put("logging.level.root", "WARN");
    props.put("spring.main.banner-mode", "off");
    String[] springArgs = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
    try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(CordonServerApplication.class)
        .run(springArgs)) {
      int mainPort = ((WebServerApplicationContext) ctx).getWebServer().getPort();
      int devicePort = ctx.getBean(DeviceListener.class).port();
      City city = City.load(ctx, persons, venues);
      JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);

      Map<String, Phase[]> runs = new LinkedHashMap<>();
      for (String listener : listeners) {
        int port = listener.equals("device") ? devicePort : mainPort;
        System.out.printf(Locale.ROOT, "%s listener (port %d): warm-up %.0f s ...%n", listener, port,
            warmupSeconds);
        long[] before = ctx.getBean(EntryJournal.class).counts();
        Phase warm = phase(ctx, city, port, connections, warmupSeconds, jdbc, 1);
        Phase sustained = phase(ctx, city, port, connections, seconds, jdbc, 1);
        long[] after = ctx.getBean(EntryJournal.class).counts();
        // closed loop: 10x the connections; open loop: 10x the rate over the same connections
        Phase burst = rate > 0 ? phase(ctx, city, port, connections, burstSeconds, jdbc, burstFactor)
            : phase(ctx, city, port, connections * burstFactor, burstSeconds, jdbc, 1);
        runs.put(listener, new Phase[] {sustained, burst});
        long groups = after[0] - before[0];
        long entries = after[1] - before[1];
        System.out.printf(Locale.ROOT, "%s: warm-up %.0f checks/s; warm-up + sustained: %,d group commits for "
            + "%,d entries (%.1f entries per commit, %.1f ms per commit)%n", listener, warm.load.perSecond(),
            groups, entries, (double) entries / Math.max(1, groups), (after[2] - before[2]) / 1e6 / Math.max(1,
                groups));
      }

      System.out.println();
      System.out.println("| run | connections | requests/s | p50 ms | p99 ms | p99.9 ms | max ms | answers | "
          + "acknowledged | rows recorded | lost | CPU µs per request: client | server JVM | PostgreSQL |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|");
      row("ceiling: JDK HttpServer, constant answer, closed loop", ceilingConnections, ceiling.load, null,
          ceiling.cpu);
      row("ceiling: Netty, constant answer, closed loop", ceilingConnections, nettyCeiling.load, null,
          nettyCeiling.cpu);
      if (nettyAtRate != null) {
        row(String.format(Locale.ROOT, "Netty, constant answer, offered %,.0f/s", rate), connections,
            nettyAtRate.load, null, nettyAtRate.cpu);
      }
      for (Map.Entry<String, Phase[]> run : runs.entrySet()) {
        String where = run.getKey().equals("device") ? "device listener" : "main port (Tomcat, Spring)";
        String offered = rate > 0 ? String.format(Locale.ROOT, ", offered %,.0f/s", rate) : ", closed loop";
        row("checkpoint check, " + where + " (" + db + ")" + offered, connections, run.getValue()[0].load,
            run.getValue()[0], run.getValue()[0].cpu);
        row(rate > 0 ? String.format(Locale.ROOT, "burst %dx, %s (%s), offered %,.0f/s", burstFactor, where, db,
            rate * burstFactor) : "burst " + burstFactor + "x connections, " + where + " (" + db + ")",
            rate > 0 ? connections : connections * burstFactor, run.getValue()[1].load, run.getValue()[1],
            run.getValue()[1].cpu);
      }
      System.out.printf(Locale.ROOT, "%n503 refusals by admission %,d%n",
          ctx.getBean(CheckpointAdmission.class).refused());
    } finally {
      if (pgName != null) {
        admin("drop database if exists " + pgName + " with (force)");
      }
    }
  }

  /** What a phase measured, and the recorded rows it added. */
  private record Phase(LoopbackLoad.Result load, long acknowledged, long retryAfter503, long otherStatus,
      long rowsRecorded, long scansRecorded, CpuMeter.Reading cpu) {
  }

  private record Result(LoopbackLoad.Result load, CpuMeter.Reading cpu) {
  }

  private static void row(String label, int connections, LoopbackLoad.Result r, Phase p, CpuMeter.Reading cpu) {
    String answers = r.byStatus().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
        .reduce((a, b) -> a + ", " + b).orElse("") + (r.errors() > 0 ? ", I/O errors: " + r.errors() : "");
    System.out.printf(Locale.ROOT, "| %s | %d | %,.0f | %.2f | %.2f | %.2f | %.1f | %s | %s | %s | %s | %.1f | %.1f | %.1f |%n",
        label, connections, r.perSecond(), r.latency().quantileMillis(0.5), r.latency().quantileMillis(0.99),
        r.latency().quantileMillis(0.999), r.latency().quantileMillis(1.0), answers,
        p == null ? "" : String.format(Locale.ROOT, "%,d", p.acknowledged()),
        p == null ? "" : String.format(Locale.ROOT, "%,d", p.rowsRecorded()),
        p == null ? "" : Long.toString(Math.max(0, p.acknowledged() - p.rowsRecorded())),
        r.clientCpuNanos() / 1e3 / Math.max(1, r.requests()),
        (cpu.jvmNanos() - r.clientCpuNanos()) / 1e3 / Math.max(1, r.requests()),
        cpu.postgresNanos() / 1e3 / Math.max(1, r.requests()));
  }

  private static Phase phase(ConfigurableApplicationContext ctx, City city, int port, int connections,
      double seconds, JdbcTemplate jdbc, int rateFactor) throws Exception {
    long rowsBefore = count(jdbc, "checkpoint_check");
    long scansBefore = count(jdbc, "venue_scan");
    AtomicLong acknowledged = new AtomicLong();
    AtomicLong with503 = new AtomicLong();
    AtomicLong other = new AtomicLong();
    city.refreshIfOld(ctx);
    List<Integer> pids = CpuMeter.postgresPids(jdbc);
    CpuMeter.Reading cpuBefore = CpuMeter.read(pids);
    Map<String, Long> threadsBefore = CpuMeter.threadCpu();
    Map<String, Long> osThreadsBefore = CpuMeter.osThreadCpu();
    LoopbackLoad.Result r = load(port, connections, seconds, rate * rateFactor, (c, n) -> city.next(),
        (c, n, status, retryAfter, body) -> {
          if (status == 200) {
            acknowledged.incrementAndGet();
          } else if (status == 503 && retryAfter != null) {
            with503.incrementAndGet();
          } else {
            if (other.incrementAndGet() <= 3) {
              System.out.println("unexpected " + status + ": " + new String(body, StandardCharsets.UTF_8));
            }
          }
        });
    // file journal: the phase's entries are moved into the database within the load interval; count
    // that work in this phase (and nothing of it in the next)
    if (!ctx.getBean(EntryJournal.class).awaitStored(java.time.Duration.ofMinutes(2))) {
      System.out.println("the entry file's loader did not catch up within 2 minutes");
    }
    CpuMeter.Reading cpu = CpuMeter.read(pids).minus(cpuBefore);
    Map<String, Long> threadsAfter = CpuMeter.threadCpu();
    Map<String, Long> osThreadsAfter = CpuMeter.osThreadCpu();
    StringBuilder busiest = new StringBuilder();
    threadsAfter.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0L)))
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(8)
        .forEach(e -> busiest.append(String.format(Locale.ROOT, " %s %.1f µs;", e.getKey(),
            e.getValue() / 1e3 / Math.max(1, r.requests()))));
    System.out.println("server threads' CPU per request (live threads, by name):" + busiest);
    System.out.println("JVM threads' CPU per request (OS names, with GC and JIT; the client is main):"
        + perRequest(osThreadsBefore, osThreadsAfter, r.requests(), 12));
    long rows = count(jdbc, "checkpoint_check") - rowsBefore;
    long scans = count(jdbc, "venue_scan") - scansBefore;
    System.out.printf(Locale.ROOT, "%d connections: %,.0f/s, acknowledged %,d, 503+Retry-After %,d, other %,d; "
        + "rows +%,d, venue scans +%,d%n", connections, r.perSecond(), acknowledged.get(), with503.get(),
        other.get(), rows, scans);
    return new Phase(r, acknowledged.get(), with503.get(), other.get(), rows, scans, cpu);
  }

  /** The {@code top} largest growths from {@code before} to {@code after}, as µs per request. */
  private static String perRequest(Map<String, Long> before, Map<String, Long> after, long requests, int top) {
    StringBuilder sb = new StringBuilder();
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() > 0)
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(top)
        .forEach(e -> sb.append(String.format(Locale.ROOT, " %s %.1f µs;", e.getKey(),
            e.getValue() / 1e3 / Math.max(1, requests))));
    return sb.toString();
  }

  private static long count(JdbcTemplate jdbc, String table) {
    Long n = jdbc.queryForObject("select count(*) from " + table, Long.class);
    return n == null ? 0 : n;
  }

  /** The same client against a JDK HTTP server that answers a constant of the checkpoint's size. */
  private static Result ceiling(int connections, double seconds) throws Exception {
    byte[] answer = constantAnswer();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    server.setExecutor(Executors.newFixedThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors() * 2)));
    server.createContext("/api/checkpoint/check", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    });
    server.start();
    try {
      return constantLoad(server.getAddress().getPort(), connections, seconds, 0);
    } finally {
      server.stop(0);
      ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
  }

  /** The same constant from a minimal Netty server (the device listener's library), for comparison. */
  /** Closed loop when {@code perSecond} is 0, else open loop at that rate. */
  private static LoopbackLoad.Result load(int port, int connections, double seconds, double perSecond,
      LoopbackLoad.Requests requests, LoopbackLoad.Answers answers) throws Exception {
    return perSecond > 0 || selectorClient ? OpenLoopLoad.run(port, connections, perSecond, seconds, requests,
        answers) : LoopbackLoad.run(port, connections, seconds, requests, answers);
  }

  private static Result nettyCeiling(int connections, double seconds, double perSecond)
      throws Exception {
    byte[] answer = constantAnswer();
    io.netty.channel.EventLoopGroup group = new io.netty.channel.MultiThreadIoEventLoopGroup(
        Runtime.getRuntime().availableProcessors(), io.netty.channel.nio.NioIoHandler.newFactory());
    try {
      io.netty.channel.Channel server = new io.netty.bootstrap.ServerBootstrap().group(group)
          .channel(io.netty.channel.socket.nio.NioServerSocketChannel.class)
          .childOption(io.netty.channel.ChannelOption.TCP_NODELAY, true)
          .childHandler(new io.netty.channel.ChannelInitializer<io.netty.channel.socket.SocketChannel>() {
            @Override
            protected void initChannel(io.netty.channel.socket.SocketChannel ch) {
              ch.pipeline().addLast(new io.netty.handler.codec.http.HttpServerCodec(),
                  new io.netty.handler.codec.http.HttpObjectAggregator(8192),
                  new io.netty.channel.SimpleChannelInboundHandler<io.netty.handler.codec.http.FullHttpRequest>() {
                    @Override
                    protected void channelRead0(io.netty.channel.ChannelHandlerContext ctx,
                        io.netty.handler.codec.http.FullHttpRequest request) {
                      var response = new io.netty.handler.codec.http.DefaultFullHttpResponse(
                          io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                          io.netty.handler.codec.http.HttpResponseStatus.OK,
                          io.netty.buffer.Unpooled.wrappedBuffer(answer));
                      response.headers().set("Content-Type", "application/json")
                          .setInt("Content-Length", answer.length);
                      ctx.writeAndFlush(response);
                    }
                  });
            }
          })
          .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
      int port = ((InetSocketAddress) server.localAddress()).getPort();
      Result r = constantLoad(port, connections, seconds, perSecond);
      server.close().sync();
      return r;
    } finally {
      group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
    }
  }

  /** The constant server's run: 3 s of warm-up, then the measured load with its CPU. */
  private static Result constantLoad(int port, int connections, double seconds, double perSecond)
      throws Exception {
    byte[] request = constantRequest();
    load(port, connections, 3, perSecond, (c, n) -> request, (c, n, s, r, b) -> { });
    CpuMeter.Reading before = CpuMeter.read(List.of());
    LoopbackLoad.Result r = load(port, connections, seconds, perSecond, (c, n) -> request,
        (c, n, s, rr, b) -> { });
    return new Result(r, CpuMeter.read(List.of()).minus(before));
  }

  private static byte[] constantAnswer() {
    return ("{\"allowed\":true,\"reason\":\"green\",\"messageZh\":\"绿码，请通行\",\"messageEn\":"
        + "\"green code: enter\",\"colour\":\"green\",\"tokenColour\":\"green\",\"checkedAt\":"
        + "\"2026-11-27T13:00:00.123+08:00\"}").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] constantRequest() {
    return LoopbackLoad.post("/api/checkpoint/check", "cdn_x", "{\"token\":\""
        + "A".repeat(org.cordon.core.healthcode.CodeToken.TEXT_LENGTH) + "\",\"temperature\":36.5,\"masked\":true}");
  }

  private static void admin(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  /** Persons, venues with their device tokens, and a pool of code tokens, each used once per venue. */
  private static final class City {
    private final int persons;
    private final int venues;
    private final String[] devices;
    private volatile Pool pool;

    private record Pool(byte[][] tokens, byte[][] heads, int[] at) {
      int size() {
        return tokens.length * heads.length;
      }
    }
    private volatile long issuedAt;
    private final AtomicLong next = new AtomicLong();

    private City(int persons, int venues, String[] devices) {
      this.persons = persons;
      this.venues = venues;
      this.devices = devices;
    }

    static City load(ConfigurableApplicationContext ctx, int persons, int venues) {
      IntakeManagement intake = ctx.getBean(IntakeManagement.class);
      StringBuilder p = new StringBuilder("person_id,household_id,home_division,id_number,name,phone,lat,lon\n");
      for (int i = 1; i <= persons; i++) {
        // birth date and sequence from i's digits: unique for 336,000 persons (12 months x 28 days x 1000)
        if (i >= 336_000) {
          throw new IllegalArgumentException("--persons above 335,999 would repeat identity numbers");
        }
        String first17 = "140105" + "1980" + String.format(Locale.ROOT, "%02d%02d", 1 + i / 28_000 % 12,
            1 + i / 1000 % 28) + String.format(Locale.ROOT, "%03d", i % 1000);
        p.append(i).append(',').append(i).append(",140105006001,").append(first17)
            .append(org.cordon.core.person.IdentityNumber.checkCharacter(first17)).append(",居民").append(i)
            .append(",13800000000,37.8,112.5\n");
      }
      ingest(intake, RecordKind.PERSONS, p);
      StringBuilder v = new StringBuilder("venue_id,name,kind,division,lat,lon,dwell_minutes,contact_class\n");
      for (int i = 0; i < venues; i++) {
        v.append("BENCH-").append(i).append(",超市").append(i).append(",supermarket,140105006,37.8,112.5,30,key\n");
      }
      ingest(intake, RecordKind.VENUES, v);
      ApiTokens tokens = ctx.getBean(ApiTokens.class);
      String[] devices = new String[venues];
      for (int i = 0; i < venues; i++) {
        devices[i] = tokens.issue("bench gate " + i, Role.VENUE_DEVICE, DivisionCode.of("1401"), "BENCH-" + i,
            "bench").secret();
      }
      return new City(persons, venues, devices);
    }

    private static void ingest(IntakeManagement intake, RecordKind kind, StringBuilder csv) {
      var report = intake.ingest(kind, ExchangeSyntax.CSV,
          new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), false);
      if (report.rejected() > 0) {
        throw new IllegalStateException(kind + ": " + report.rejected() + " rows rejected, first: "
            + report.errors().subList(0, Math.min(3, report.errors().size())));
      }
    }

    /** Fresh code tokens when the pool is more than a minute old (they live three minutes). */
    void refreshIfOld(ConfigurableApplicationContext ctx) {
      if (pool != null && System.currentTimeMillis() - issuedAt < 60_000) {
        return;
      }
      long t0 = System.nanoTime();
      CodeTokens tokens = ctx.getBean(CodeTokens.class);
      String[] texts = new String[persons];
      java.util.stream.IntStream.range(0, persons).parallel()
          .forEach(i -> texts[i] = tokens.issue(i + 1, CodeColour.GREEN).text());
      // one request per venue with a placeholder where the token goes, filled in per check: a pool of
      // every (token, venue) request built ahead was 1.5 million arrays (~460 MB) of the client's that
      // the server's garbage collector had to carry and, at each refresh, collect
      byte[][] tokenBytes = new byte[persons][];
      for (int i = 0; i < persons; i++) {
        tokenBytes[i] = texts[i].getBytes(StandardCharsets.US_ASCII);
        if (tokenBytes[i].length != tokenBytes[0].length) {
          throw new IllegalStateException("code tokens of different lengths");
        }
      }
      String placeholder = "\u0001".repeat(tokenBytes[0].length);
      byte[][] heads = new byte[venues][];
      int[] at = new int[venues];
      for (int v = 0; v < venues; v++) {
        heads[v] = LoopbackLoad.post("/api/checkpoint/check", devices[v], "{\"token\":\"" + placeholder
            + "\",\"temperature\":36.5,\"masked\":true}");
        at[v] = new String(heads[v], StandardCharsets.ISO_8859_1).indexOf(placeholder);
      }
      pool = new Pool(tokenBytes, heads, at);
      issuedAt = System.currentTimeMillis();
      next.set(0);
      System.out.printf(Locale.ROOT, "issued %,d code tokens in %.1f s%n", persons, (System.nanoTime() - t0) / 1e9);
    }

    /** The next check: a (token, venue) pair not used before with this pool. */
    byte[] next() {
      long n = next.getAndIncrement();
      Pool p = pool;
      if (n >= p.size()) {
        throw new IllegalStateException("token pool used up: raise --persons or --venues");
      }
      int v = (int) (n / p.tokens().length);
      byte[] token = p.tokens()[(int) (n % p.tokens().length)];
      byte[] request = p.heads()[v].clone();
      System.arraycopy(token, 0, request, p.at()[v], token.length);
      return request;
    }
  }
}
