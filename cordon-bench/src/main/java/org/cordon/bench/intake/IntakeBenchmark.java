package org.cordon.bench.intake;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.cordon.bench.BenchOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.cordon.core.exchange.ExchangeSyntax;
import org.cordon.core.exchange.RecordKind;
import org.cordon.server.CordonServerApplication;
import org.cordon.server.intake.IntakeManagement;
import org.cordon.server.intake.IntakeReport;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Bulk intake of a city directory ({@code persons.csv, venues.csv, scans.csv, trips.csv, dwells.csv},
 * as written by {@code bin/cordon city}) through {@link IntakeManagement}, the same path as
 * {@code POST /api/intake/{kind}} without HTTP, into a fresh PostgreSQL database and a fresh H2 file
 * database. Prints rows/s per kind and the peak heap used during each kind.
 *
 * <pre>
 * java -Xmx2g -cp cordon-bench/target/benchmarks.jar org.cordon.bench.intake.IntakeBenchmark --dir /tmp/city
 *     [--targets pg,h2] [--kinds persons,venues,scans,trips,dwells] [--keep]
 * </pre>
 * PostgreSQL: {@code 127.0.0.1:5432}, user {@code postgres} (env {@code CORDON_BENCH_PG_HOST},
 * {@code _PORT}, {@code _USER}, {@code _PASSWORD}); the database gets a random name and is dropped
 * after unless {@code --keep}.
 */
public final class IntakeBenchmark {

  private static final java.util.Set<RecordKind> SELECTED = java.util.EnumSet.noneOf(RecordKind.class);

  private IntakeBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = BenchOptions.parse(args);
    Path dir = Path.of(require(opts, "dir"));
    List<String> targets = List.of(opts.getOrDefault("targets", "pg,h2").split(","));
    boolean keep = opts.containsKey("keep");
    String kinds = opts.getOrDefault("kinds", "persons,venues,scans,trips,dwells");
    for (String k : kinds.split(",")) {
      SELECTED.add(RecordKind.of(k.strip()));
    }
    for (RecordKind kind : RecordKind.values()) {
      Path f = dir.resolve(kind.fileName());
      System.out.printf(Locale.ROOT, "%-12s %,14d bytes%n", kind.fileName(), Files.exists(f) ? Files.size(f) : 0);
    }
    for (String target : targets) {
      switch (target.strip()) {
        case "pg" -> postgres(dir, keep);
        case "h2" -> h2(dir, keep);
        default -> throw new IllegalArgumentException("unknown target '" + target + "' (pg, h2)");
      }
    }
  }

  private static void postgres(Path dir, boolean keep) throws Exception {
    String host = env("CORDON_BENCH_PG_HOST", "127.0.0.1");
    String port = env("CORDON_BENCH_PG_PORT", "5432");
    String user = env("CORDON_BENCH_PG_USER", "postgres");
    String password = env("CORDON_BENCH_PG_PASSWORD", "");
    String name = "cordon_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String admin = "jdbc:postgresql://" + host + ":" + port + "/postgres";
    sql(admin, user, password, "create database " + name);
    try {
      run("PostgreSQL (" + name + ")", dir, "jdbc:postgresql://" + host + ":" + port + "/" + name, user, password);
    } finally {
      if (!keep) {
        sql(admin, user, password, "drop database if exists " + name + " with (force)");
      }
    }
  }

  private static void h2(Path dir, boolean keep) throws Exception {
    Path data = Files.createTempDirectory("cordon-bench-h2");
    String url = "jdbc:h2:file:" + data.toAbsolutePath() + "/cordon;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE";
    try {
      run("H2 (" + data + ")", dir, url, "sa", "");
      long bytes;
      try (var files = Files.walk(data)) {
        bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
      }
      System.out.printf(Locale.ROOT, "H2 database size: %,d MB%n", bytes >> 20);
    } finally {
      if (!keep) {
        try (var files = Files.walk(data)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  private static void run(String label, Path dir, String url, String user, String password) throws IOException {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("spring.datasource.url", url);
    props.put("spring.datasource.username", user);
    props.put("spring.datasource.password", password);
    props.put("server.port", 0);
    props.put("cordon.checkpoint.device-port", -1);   // not measured here; 8081 may be taken
    props.put("server.address", "127.0.0.1");
    props.put("cordon.demo.enabled", false);
    props.put("logging.level.root", "WARN");
    props.put("spring.main.banner-mode", "off");
    // as command-line arguments, so they win over application.yml and the environment
    String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
    try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(CordonServerApplication.class)
        .run(args)) {
      IntakeManagement intake = ctx.getBean(IntakeManagement.class);
      System.out.println();
      System.out.println("== " + label);
      System.out.printf(Locale.ROOT, "%-8s %12s %12s %10s %9s %12s %14s%n", "kind", "rows", "accepted",
          "rejected", "seconds", "rows/s", "peak heap MB");
      for (RecordKind kind : RecordKind.values()) {
        Path f = dir.resolve(kind.fileName());
        if (!Files.exists(f) || !SELECTED.contains(kind)) {
          continue;
        }
        System.gc();
        resetPeaks();
        long t0 = System.nanoTime();
        IntakeReport r;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
          r = intake.ingest(kind, ExchangeSyntax.CSV, in, true);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%-8s %,12d %,12d %,10d %9.1f %,12.0f %,14d%n", kind.code(), r.lines(),
            r.accepted(), r.rejected(), s, r.lines() / s, peakHeap() >> 20);
        if (!r.errors().isEmpty()) {
          System.out.println("   first errors: " + r.errors().subList(0, Math.min(3, r.errors().size())));
        }
      }
    }
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  // Sum of the pools' peaks: an upper bound of the heap in use at any one moment.
  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static void sql(String url, String user, String password, String statement) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
      st.execute(statement);
    }
  }

  private static String require(Map<String, String> opts, String name) {
    String v = opts.get(name);
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException("--" + name + " is required; usage: --dir CITY_DIR [--targets pg,h2] [--kinds persons,...] [--keep]");
    }
    return v;
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
