package org.cordon.core.tracing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cordon.core.place.ContactClass;
import org.cordon.core.presence.Dwell;
import org.cordon.core.presence.TripRide;
import org.cordon.core.presence.VenueScan;

/**
 * The tracing semantics of {@link ContactTracingEngine} written out literally over plain lists: every
 * pair of presences is compared, every link is kept, and the listing is chosen at the end. Slow
 * (quadratic), obviously right; the engine is compared with it.
 */
final class ReferenceTracing {
  record Resident(long id, long household) {
  }

  record VenueInfo(String id, int dwellMinutes, ContactClass contactClass) {
  }

  /** A presence in epoch seconds; seat 0 = unknown or not a ride. */
  record Presence(long person, ContactTrack track, String place, long start, long end, int seat) {
  }

  record Link(long person, ContactCategory category, long source, ContactTrack track, String place,
      long start, long end) {
  }

  private static final Comparator<Link> EARLIEST = Comparator.comparingLong(Link::start)
      .thenComparingLong(Link::source).thenComparing(Link::track).thenComparing(Link::place);

  final List<Resident> residents = new ArrayList<>();
  final Map<String, VenueInfo> venues = new HashMap<>();
  final List<Presence> presences = new ArrayList<>();

  void resident(long id, long household) {
    residents.add(new Resident(id, household));
  }

  void venue(String id, int dwellMinutes, ContactClass contactClass) {
    venues.put(id, new VenueInfo(id, dwellMinutes, contactClass));
  }

  void scan(VenueScan s) {
    long start = s.time().getEpochSecond();
    long end = s.exitTime() != null ? s.exitTime().getEpochSecond()
        : start + 60L * venues.get(s.venueId()).dwellMinutes();
    presences.add(new Presence(s.personId(), ContactTrack.VENUE, s.venueId(), start, end, 0));
  }

  void trip(TripRide r) {
    presences.add(new Presence(r.personId(), ContactTrack.TRIP, r.tripId(),
        r.boardTime().getEpochSecond(), r.alightTime().getEpochSecond(),
        r.seatRow() == null ? 0 : r.seatRow()));
  }

  void dwell(Dwell d) {
    presences.add(new Presence(d.personId(), ContactTrack.CELL, d.cellId(),
        d.start().getEpochSecond(), d.end().getEpochSecond(), 0));
  }

  List<TracedContact> trace(TracingPolicy policy, List<TracingCase> cases, Instant asOfInstant) {
    long asOf = asOfInstant.getEpochSecond();
    long day = 86_400;
    Map<Long, Long> endOfCase = new HashMap<>();
    for (TracingCase c : cases) {
      long end = c.isolated() == null ? asOf : Math.min(asOf, c.isolated().getEpochSecond());
      endOfCase.put(c.personId(), end);
    }
    List<Link> links = new ArrayList<>();
    for (TracingCase c : cases) {
      long end = endOfCase.get(c.personId());
      long onset = c.onset().getEpochSecond();
      links.addAll(closeTypeAndKeyLinks(policy, c.personId(), onset - policy.contactWindowDays() * day,
          end, false));
      links.addAll(companionLinks(policy, c.personId(), onset - policy.companionWindowDays() * day,
          end));
    }
    Map<Long, Long> firstCloseExposure = new HashMap<>();
    for (Link l : links) {
      if (l.category() == ContactCategory.CLOSE) {
        firstCloseExposure.merge(l.person(), l.start(), Math::min);
      }
    }
    List<Link> secondary = new ArrayList<>();
    for (Map.Entry<Long, Long> close : firstCloseExposure.entrySet()) {
      long c = close.getKey();
      long end = endOfCase.getOrDefault(c, asOf);
      secondary.addAll(closeTypeAndKeyLinks(policy, c, close.getValue(), end, true));
    }
    links.addAll(secondary);
    return listing(links, endOfCase.keySet());
  }

  /** Links of {@code source} inside {@code [from, to)}: close and key, or only close-type as secondary. */
  private List<Link> closeTypeAndKeyLinks(TracingPolicy policy, long source, long from, long to,
      boolean secondary) {
    List<Link> out = new ArrayList<>();
    if (from >= to) {
      return out;
    }
    ContactCategory closeCategory = secondary ? ContactCategory.SECONDARY : ContactCategory.CLOSE;
    long household = householdOf(source);
    for (Resident r : residents) {
      if (r.household() == household && r.id() != source) {
        out.add(new Link(r.id(), closeCategory, source, ContactTrack.HOUSEHOLD,
            Long.toString(household), from, to));
      }
    }
    for (Presence a : presences) {
      if (a.person() != source || a.track() == ContactTrack.CELL) {
        continue;
      }
      for (Presence b : presences) {
        if (b.person() == source || b.track() != a.track() || !b.place().equals(a.place())) {
          continue;
        }
        long start = Math.max(Math.max(a.start(), b.start()), from);
        long end = Math.min(Math.min(a.end(), b.end()), to);
        if (end - start < 60L * policy.minimumOverlapMinutes()) {
          continue;
        }
        boolean closeType;
        if (a.track() == ContactTrack.VENUE) {
          closeType = venues.get(a.place()).contactClass() == ContactClass.CLOSE;
        } else {
          closeType = a.seat() != 0 && b.seat() != 0
              && Math.abs(a.seat() - b.seat()) <= policy.maxSeatRowDistance();
        }
        if (closeType) {
          out.add(new Link(b.person(), closeCategory, source, a.track(), a.place(), start, end));
        } else if (!secondary) {
          out.add(new Link(b.person(), ContactCategory.KEY, source, a.track(), a.place(), start, end));
        }
      }
    }
    return out;
  }

  private List<Link> companionLinks(TracingPolicy policy, long source, long from, long to) {
    List<Link> out = new ArrayList<>();
    if (from >= to) {
      return out;
    }
    for (Presence a : presences) {
      if (a.person() != source || a.track() != ContactTrack.CELL) {
        continue;
      }
      for (Presence b : presences) {
        if (b.person() == source || b.track() != ContactTrack.CELL || !b.place().equals(a.place())) {
          continue;
        }
        long start = Math.max(Math.max(a.start(), b.start()), from);
        long end = Math.min(Math.min(a.end(), b.end()), to);
        if (end - start < 60L * policy.companionMinimumOverlapMinutes()) {
          continue;
        }
        if (policy.companionCumulativeFilter()
            && secondsIn(b.person(), a.place(), from, to) <= 3600L * policy.companionCumulativeHours()) {
          continue;
        }
        out.add(new Link(b.person(), ContactCategory.COMPANION, source, ContactTrack.CELL, a.place(),
            start, end));
      }
    }
    return out;
  }

  private long secondsIn(long person, String cell, long from, long to) {
    long sum = 0;
    for (Presence p : presences) {
      if (p.person() == person && p.track() == ContactTrack.CELL && p.place().equals(cell)) {
        sum += Math.max(0, Math.min(p.end(), to) - Math.max(p.start(), from));
      }
    }
    return sum;
  }

  private long householdOf(long person) {
    for (Resident r : residents) {
      if (r.id() == person) {
        return r.household();
      }
    }
    throw new IllegalArgumentException("no resident " + person);
  }

  private static List<TracedContact> listing(List<Link> links, Set<Long> cases) {
    Set<Long> persons = new HashSet<>();
    for (Link l : links) {
      persons.add(l.person());
    }
    List<TracedContact> out = new ArrayList<>();
    for (long p : persons) {
      if (cases.contains(p)) {
        continue;
      }
      ContactCategory worst = null;
      for (Link l : links) {
        if (l.person() == p && (worst == null || l.category().compareTo(worst) < 0)) {
          worst = l.category();
        }
      }
      Link first = null;
      long last = Long.MIN_VALUE;
      for (Link l : links) {
        if (l.person() == p && l.category() == worst) {
          if (first == null || EARLIEST.compare(l, first) < 0) {
            first = l;
          }
          last = Math.max(last, l.end());
        }
      }
      out.add(new TracedContact(p, worst, first.source(), first.track(), first.place(),
          Instant.ofEpochSecond(first.start()), Instant.ofEpochSecond(last)));
    }
    out.sort(TracedContact.ORDER);
    return out;
  }
}
