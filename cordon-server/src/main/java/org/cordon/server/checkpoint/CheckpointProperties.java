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
 */
@ConfigurationProperties("cordon.checkpoint")
public record CheckpointProperties(Integer maxInFlight, Integer retryAfterSeconds, Integer groupMaxSize,
    Long commitTimeoutMillis, BigDecimal feverCelsius, Map<String, String> keyWorkplaces, Integer journalWriters,
    Integer devicePort, Integer deviceThreads) {

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
  }
}
