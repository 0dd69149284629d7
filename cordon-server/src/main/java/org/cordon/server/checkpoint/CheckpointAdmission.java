package org.cordon.server.checkpoint;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Bounded admission to the check endpoint: at most {@link CheckpointProperties#maxInFlight()} checks
 * are worked on at once; the next one is refused at once (503 with Retry-After) instead of waiting in
 * an unbounded queue until every device times out. A refused check did nothing, so the device can
 * simply retry; an admitted one is answered only once durable.
 */
@Component
public class CheckpointAdmission {

  private final Semaphore permits;
  private final AtomicLong refused = new AtomicLong();

  CheckpointAdmission(CheckpointProperties properties) {
    this.permits = new Semaphore(properties.maxInFlight());
  }

  /** Takes a permit if one is free; the caller must {@link #release()} it after answering. */
  boolean tryEnter() {
    if (permits.tryAcquire()) {
      return true;
    }
    refused.incrementAndGet();
    return false;
  }

  void release() {
    permits.release();
  }

  /** Checks refused since start. */
  public long refused() {
    return refused.get();
  }
}
