package org.cordon.bench.checkpoint;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * CPU time used by this JVM and by given PostgreSQL processes, so a phase can be told as CPU per
 * request: on a shared machine the rate moves with the neighbours' load, the CPU a request costs much
 * less. PostgreSQL's is read from {@code /proc/<pid>/stat} (Linux; zero elsewhere) of the processes
 * named: the benchmark database's backends and the WAL writer, checkpointer and background writer
 * (which other databases' work also keeps busy).
 */
final class CpuMeter {

  /** A reading: nanoseconds of CPU of this JVM and of PostgreSQL. */
  record Reading(long jvmNanos, long postgresNanos) {
    Reading minus(Reading earlier) {
      return new Reading(jvmNanos - earlier.jvmNanos, postgresNanos - earlier.postgresNanos);
    }
  }

  /** Linux's USER_HZ, the unit of utime and stime; 100 on every common kernel. */
  private static final long TICK_NANOS = 10_000_000L;

  private CpuMeter() {
  }

  /** The PostgreSQL processes to count, for {@code jdbc}'s database; none for another database. */
  static List<Integer> postgresPids(JdbcTemplate jdbc) {
    if (!jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName())
        .equalsIgnoreCase("PostgreSQL")) {
      return List.of();
    }
    return jdbc.queryForList("select pid from pg_stat_activity where datname = current_database() or "
        + "backend_type in ('walwriter', 'checkpointer', 'background writer')", Integer.class);
  }

  static Reading read(List<Integer> postgresPids) {
    long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
    long ticks = 0;
    for (int pid : postgresPids) {
      ticks += ticks(Path.of("/proc", Integer.toString(pid), "stat"));
    }
    return new Reading(jvm, ticks * TICK_NANOS);
  }

  /**
   * CPU nanoseconds of this JVM's live threads by name, digits folded ({@code load-7} → {@code load-#}),
   * to see where the server's share goes; the client's threads end with their run and are not here.
   */
  static java.util.Map<String, Long> threadCpu() {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    java.util.Map<String, Long> byName = new java.util.HashMap<>();
    for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long cpu = threads.getThreadCpuTime(info.getThreadId());
      if (cpu > 0) {
        byName.merge(info.getThreadName().replaceAll("\\d+", "#"), cpu, Long::sum);
      }
    }
    return byName;
  }

  /**
   * CPU nanoseconds of every thread of this JVM by its OS name ({@code /proc/self/task}, Linux; empty
   * elsewhere), digits folded: unlike {@link #threadCpu()} this includes the JVM's own threads, the
   * garbage collector's ("GC Thread#", "G1 Conc#", "VM Thread") and the JIT compilers', which are part
   * of the server's share and invisible to the thread MXBean. OS names are cut at 15 characters.
   */
  static java.util.Map<String, Long> osThreadCpu() {
    java.util.Map<String, Long> byName = new java.util.HashMap<>();
    try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      tasks.forEach(task -> {
        try {
          String s = Files.readString(task.resolve("stat"));
          String comm = s.substring(s.indexOf('(') + 1, s.lastIndexOf(')'));
          byName.merge(comm.replaceAll("\\d+", "#"), ticks(s) * TICK_NANOS, Long::sum);
        } catch (IOException | RuntimeException e) {
          // the thread has ended
        }
      });
    } catch (IOException e) {
      return byName;
    }
    return byName;
  }

  private static long ticks(Path stat) {
    try {
      return ticks(Files.readString(stat));
    } catch (IOException | RuntimeException e) {
      return 0; // not Linux, or the process has ended
    }
  }

  /** utime + stime of a {@code stat} line: after "(comm) ", state is field 3, they are fields 14 and 15. */
  private static long ticks(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }
}
