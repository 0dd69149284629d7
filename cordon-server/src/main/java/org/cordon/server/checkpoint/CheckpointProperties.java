package org.cordon.server.checkpoint;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the venue checkpoint ({@code cordon.checkpoint.*}).
 *
 * @param maxInFlight checks admitted at once; one more is answered 503 with Retry-After at once
 *     rather than queued behind the others (the morning-peak rule: degrade, never fall over)
 * @param retryAfterSeconds the Retry-After a refused device is told
 * @param groupMaxSize most entries in one group commit
 * @param commitTimeoutMillis how long a check waits for its group to be durable before it is answered
 *     503 (the entry may still be stored: not acknowledged is not lost)
 * @param feverCelsius a temperature at or above this is a fever: entry denied (37.3 °C in the protocols)
 * @param keyWorkplaces venue kind → key group whose workers must show a recent negative test there ("no
 *     negative test, no work"): couriers' logistics parks, cold chain, hospitals. How recent is the
 *     health-code policy's test interval of that group ({@code key-group.test-interval-hours.<group>}).
 * @param journalWriters group commits in flight at once (default 2; see {@link EntryJournal})
 * @param devicePort the port of the venue devices' own listener ({@link DeviceListener}) on the
 *     server's address: 8081 by default, 0 for any free port, negative for none
 * @param deviceThreads event-loop threads of that listener (default: the number of cores)
 * @param journal where a check is made durable before it is answered: {@code database} (default: a
 *     group commit into {@code checkpoint_check} and the venue scans) or {@code file} (a synced local
 *     entry file, moved into the database in batches within {@code loadIntervalMillis}; for a server
 *     with a disk of its own that outlives it, see {@link EntryFile})
 * @param journalDir the entry file's directory (default {@code <cordon.data-dir>/checkpoint-journal})
 * @param loadIntervalMillis how often the entry file's new entries are moved into the database
 *     (default 100 ms: the delay before a check is a row and its scan reaches tracing)
 * @param segmentBytes size at which the entry file starts a new segment (default 64 MiB)
 * @param syncSpacingMicros {@code file} mode: the least time from one sync of the entry file to the
 *     next while checks keep coming (default 1,000 µs), so that each sync serves more of them; a check
 *     after a quiet spell is synced at once. Like PostgreSQL's {@code commit_delay}, it trades a little
 *     latency under load for less CPU per check (BENCHMARKS.md, venue checkpoint).
 */
@ConfigurationProperties("cordon.checkpoint")
public record CheckpointProperties(Integer maxInFlight, Integer retryAfterSeconds, Integer groupMaxSize,
    Long commitTimeoutMillis, BigDecimal feverCelsius, Map<String, String> keyWorkplaces, Integer journalWriters,
    Integer devicePort, Integer deviceThreads, String journal, String journalDir, Long loadIntervalMillis,
    Long segmentBytes, Long syncSpacingMicros) {

  /** The journal modes. */
  public static final String DATABASE = "database";
  public static final String FILE = "file";

  public CheckpointProperties {
    maxInFlight = maxInFlight == null ? 96 : maxInFlight;
    retryAfterSeconds = retryAfterSeconds == null ? 1 : retryAfterSeconds;
    groupMaxSize = groupMaxSize == null ? 2000 : groupMaxSize;
    commitTimeoutMillis = commitTimeoutMillis == null ? 10_000L : commitTimeoutMillis;
    feverCelsius = feverCelsius == null ? new BigDecimal("37.3") : feverCelsius;
    keyWorkplaces = keyWorkplaces == null ? Map.of("logistics_park", "courier",
        "cold_chain_warehouse", "cold-chain", "hospital", "hospital") : Map.copyOf(keyWorkplaces);
    journalWriters = journalWriters == null || journalWriters < 1 ? 2 : journalWriters;
    devicePort = devicePort == null ? 8081 : devicePort;
    deviceThreads = deviceThreads == null || deviceThreads < 1
        ? Runtime.getRuntime().availableProcessors() : deviceThreads;
    journal = journal == null || journal.isBlank() ? DATABASE : journal.strip().toLowerCase(java.util.Locale.ROOT);
    if (!journal.equals(DATABASE) && !journal.equals(FILE)) {
      throw new IllegalArgumentException("cordon.checkpoint.journal must be 'database' or 'file', not '"
          + journal + "'");
    }
    journalDir = journalDir == null || journalDir.isBlank() ? "data/checkpoint-journal" : journalDir;
    loadIntervalMillis = loadIntervalMillis == null || loadIntervalMillis < 1 ? 100L : loadIntervalMillis;
    segmentBytes = segmentBytes == null || segmentBytes < 4096 ? EntryFile.DEFAULT_SEGMENT_BYTES : segmentBytes;
    syncSpacingMicros = syncSpacingMicros == null || syncSpacingMicros < 0 ? 1_000L : syncSpacingMicros;
  }
}
