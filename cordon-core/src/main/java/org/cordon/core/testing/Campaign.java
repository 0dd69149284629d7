package org.cordon.core.testing;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cordon.core.place.GeoPoint;
import org.cordon.core.place.Ids;

/**
 * A testing campaign (one round of 全员核酸, a key-group routine, a zone screening): whom it targets,
 * when samples may be taken, the default pool size of its tubes and its sampling sites.
 *
 * @param campaignId identifier (a token of at most 64 characters)
 * @param name display name, e.g. {@code 小店区第3轮全员核酸}
 * @param kind what the campaign is for
 * @param target who must be tested
 * @param start first moment a sample may be taken (inclusive)
 * @param end last moment a sample may be taken (exclusive); results may arrive later
 * @param poolSize samples per tube unless a tube is opened with another capacity (1..{@link #MAX_POOL_SIZE})
 * @param sites the sampling sites, at least one, unique ids
 */
public record Campaign(String campaignId, String name, CampaignKind kind, TargetPopulation target,
    Instant start, Instant end, int poolSize, List<SamplingSite> sites) {

  /** The largest tube capacity: 20 samples (20合1) is the largest pool used in the field. */
  public static final int MAX_POOL_SIZE = 20;

  public Campaign {
    Ids.requireToken("campaign_id", campaignId, 64);
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("campaign " + campaignId + " needs a name");
    }
    if (kind == null || target == null || start == null || end == null) {
      throw new IllegalArgumentException("campaign " + campaignId + " needs a kind, a target, a start and an end");
    }
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("campaign " + campaignId + " must start before it ends");
    }
    requirePoolSize(poolSize);
    sites = List.copyOf(sites == null ? List.of() : sites);
    if (sites.isEmpty()) {
      throw new IllegalArgumentException("campaign " + campaignId + " needs at least one sampling site");
    }
    Set<String> ids = new HashSet<>();
    for (SamplingSite s : sites) {
      if (!ids.add(s.siteId())) {
        throw new IllegalArgumentException("campaign " + campaignId + " lists site " + s.siteId() + " twice");
      }
    }
  }

  /** Checks a tube capacity: 1..{@link #MAX_POOL_SIZE}. */
  static int requirePoolSize(int poolSize) {
    if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
      throw new IllegalArgumentException("pool size must be 1.." + MAX_POOL_SIZE + ", got " + poolSize);
    }
    return poolSize;
  }

  /**
   * The site with a known location nearest to {@code point} (great-circle distance), for a recalled person's
   * single-tube retest; empty when no site has a location.
   */
  public Optional<SamplingSite> nearestSite(GeoPoint point) {
    SamplingSite best = null;
    double bestDistance = Double.MAX_VALUE;
    for (SamplingSite s : sites) {
      if (s.location() != null) {
        double d = haversine(point, s.location());
        if (d < bestDistance) {
          bestDistance = d;
          best = s;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  private static double haversine(GeoPoint a, GeoPoint b) {
    double dLat = Math.toRadians(b.lat() - a.lat());
    double dLon = Math.toRadians(b.lon() - a.lon());
    double h = Math.pow(Math.sin(dLat / 2), 2)
        + Math.cos(Math.toRadians(a.lat())) * Math.cos(Math.toRadians(b.lat())) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  /** Whether a sample may be taken at {@code t}. */
  public boolean isRunning(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }
}
