package org.cordon.server.testing;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The lab turnaround board of a campaign: per tube sampled → received → resulted, and the tubes that
 * have gone longer than {@code limitHours} from their first sample without a result (alarms).
 *
 * @param tubes alarms first (oldest first), then the most recently sampled; at most the page asked for
 */
public record TurnaroundView(String campaignId, int limitHours, long open, long closed, long received,
    long resulted, long alarms, List<TubeRow> tubes) {

  /** One tube; {@code hours} is the age of an unresulted tube, or its sample-to-result time. */
  public record TubeRow(String tube, String siteId, int poolSize, int samples,
      OffsetDateTime sampledAt, OffsetDateTime closedAt, OffsetDateTime receivedAt,
      OffsetDateTime resultAt, String result, double hours, boolean alarm) {
  }
}
