package org.cordon.server.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cordon.intake.*}: how far ahead of the server clock an event time may be ({@code max-clock-skew},
 * default 5 minutes), how many row errors a report lists ({@code max-errors}, default 1000), and how many
 * rows go to the database per round trip ({@code chunk-rows}, default 20000).
 */
@ConfigurationProperties("cordon.intake")
public record IntakeProperties(Duration maxClockSkew, Integer maxErrors, Integer chunkRows) {

  public IntakeProperties {
    maxClockSkew = maxClockSkew == null ? Duration.ofMinutes(5) : maxClockSkew;
    maxErrors = maxErrors == null ? 1000 : maxErrors;
    chunkRows = chunkRows == null ? 20_000 : chunkRows;
    if (maxClockSkew.isNegative() || maxErrors < 1 || chunkRows < 1) {
      throw new IllegalArgumentException("cordon.intake: skew must be >= 0, max-errors and chunk-rows >= 1");
    }
  }
}
