package org.cordon.core.testing;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.GeoPoint;
import org.cordon.core.place.Ids;

/**
 * A sampling site (采样点) of a campaign.
 *
 * @param siteId the site's identifier (a token of at most 64 characters)
 * @param name the site's name as residents know it
 * @param division the division the site serves (usually a community or a street)
 * @param location where the site is, or {@code null} when unknown
 * @param hours daily opening windows in Asia/Shanghai time; empty means always open
 */
public record SamplingSite(String siteId, String name, DivisionCode division, GeoPoint location,
    List<OpeningHours> hours) {

  /** The local time zone of opening hours. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  public SamplingSite {
    Ids.requireToken("site_id", siteId, 64);
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("site " + siteId + " needs a name");
    }
    if (division == null) {
      throw new IllegalArgumentException("site " + siteId + " needs a division");
    }
    hours = hours == null ? List.of() : List.copyOf(hours);
  }

  /** Whether the site is open at {@code t}. */
  public boolean isOpen(Instant t) {
    if (hours.isEmpty()) {
      return true;
    }
    LocalTime local = t.atZone(ZONE).toLocalTime();
    for (OpeningHours h : hours) {
      if (h.contains(local)) {
        return true;
      }
    }
    return false;
  }
}
