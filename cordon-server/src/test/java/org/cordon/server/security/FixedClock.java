package org.cordon.server.security;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Pins "now" to 2026-11-23 10:00 in Asia/Shanghai, so "today" in tests does not depend on the hour. */
@TestConfiguration(proxyBeanMethods = false)
public class FixedClock {

  /** The pinned instant. */
  public static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 23, 10, 0, 0, 0,
      ZoneOffset.ofHours(8));

  @Bean
  Clock clock() {
    return Clock.fixed(NOW.toInstant(), ZoneOffset.UTC);
  }
}
