package org.cordon.server.testing;

import java.time.LocalTime;

/** A sampling site; {@code opens == closes} means open all day. */
public record SiteView(String siteId, String name, String division, double lat, double lon,
    LocalTime opens, LocalTime closes, boolean active) {

  /** Whether the site samples at local time {@code t}. */
  boolean openAt(LocalTime t) {
    if (!active) {
      return false;
    }
    if (opens.equals(closes)) {
      return true;
    }
    return opens.isBefore(closes) ? !t.isBefore(opens) && t.isBefore(closes)
        : !t.isBefore(opens) || t.isBefore(closes);
  }
}
