package org.cordon.server.testing;

import java.time.LocalTime;
import java.util.List;
import org.cordon.core.place.GeoPoint;
import org.cordon.core.place.GridCell;

/**
 * Picks the sampling site a recalled person is sent to: the nearest site open at the time of the recall,
 * or, when none is open then, the nearest active one (the person goes when it opens). Distance is
 * measured in the place package's 800 m equal-area grid (squared steps between the cells of the home
 * and of the site), ties broken by the closer division (longest common code prefix) and then by site
 * id, so the choice is deterministic. A person without coordinates goes to the active site whose
 * division shares the longest prefix with the home division.
 */
final class RecallSites {

  private final List<SiteView> sites;
  private final GridCell[] cells;

  RecallSites(List<SiteView> activeSites) {
    this.sites = List.copyOf(activeSites);
    this.cells = new GridCell[sites.size()];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = GridCell.of(new GeoPoint(sites.get(i).lat(), sites.get(i).lon()));
    }
  }

  /** The site for a person living at {@code home} (null if unknown) in {@code division}, or null. */
  SiteView nearest(GeoPoint home, String division, LocalTime localNow) {
    SiteView open = pick(home, division, localNow);
    return open != null ? open : pick(home, division, null);
  }

  private SiteView pick(GeoPoint home, String division, LocalTime openAt) {
    GridCell from = home == null ? null : GridCell.of(home);
    SiteView best = null;
    long bestDistance = Long.MAX_VALUE;
    int bestPrefix = -1;
    for (int i = 0; i < cells.length; i++) {
      SiteView s = sites.get(i);
      if (openAt != null && !s.openAt(openAt)) {
        continue;
      }
      long d = 0;
      if (from != null) {
        long dr = cells[i].row() - from.row();
        long dc = cells[i].col() - from.col();
        d = dr * dr + dc * dc;
      }
      int prefix = commonPrefix(division, s.division());
      if (d < bestDistance || (d == bestDistance && prefix > bestPrefix)) {
        best = s;
        bestDistance = d;
        bestPrefix = prefix;
      }
    }
    return best;
  }

  private static int commonPrefix(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int i = 0;
    while (i < n && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i;
  }
}
