package org.cordon.server.security;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The clock for token, account and audit timestamps: the application's {@link Clock} bean when there is
 * one (tests fix it), else the system clock.
 */
@Component
public class SecurityClock {
  private final Clock clock;

  public SecurityClock(ObjectProvider<Clock> clock) {
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  public Clock clock() {
    return clock;
  }
}
