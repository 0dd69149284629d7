package org.cordon.core.tracing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.cordon.core.place.ContactClass;
import org.cordon.core.presence.PersonDictionary;
import org.cordon.core.presence.PresenceIndex;
import org.cordon.core.primitive.PrimitiveSort;

/** One call of {@link ContactTracingEngine#trace}: the state of a single trace, one thread. */
final class TraceRun {
  private static final List<ContactCategory> PRIMARY = List.of(ContactCategory.CLOSE,
      ContactCategory.KEY);
  private static final List<ContactCategory> PRIMARY_AND_SECONDARY = List.of(ContactCategory.CLOSE,
      ContactCategory.SECONDARY, ContactCategory.KEY);
  private final TracingData data;
  private final TracingPolicy policy;
  private final int asOf;
  private final int minOverlap;
  /** Dense case person → end of the case (isolated or as-of, at most as-of). */
  private final Map<Integer, Integer> caseEnd = new HashMap<>();
  private final Map<Integer, Integer> caseOnset = new HashMap<>();
  private final List<Integer> caseOrder = new ArrayList<>();
  private final LinkBook book;
  private final int workers;
  /** Dense ids of the cases. */
  private int[] cases;
  /**
   * Bit set by dense person id of the cases and close contacts, made once the close contacts are
   * known: secondary links to them are dropped on a single bit test.
   */
  private long[] closeOrCase;
  /** Bit set by dense person id of the cases. */
  private long[] caseBits;
  /** Whether the listing may sort by dense id (see {@link PersonDictionary#ascendingPrefix()}). */
  private boolean denseSortsById;
  /** Bit set by dense person id of the cases and the persons in {@link #book}, for the listing. */
  private long[] booked;
  /** Companion links, outside {@link #book}. */
  private final CompanionTable companions;

  TraceRun(TracingData data, TracingPolicy policy, Collection<TracingCase> cases, int asOf,
      int workers, CompanionTable companions) {
    this.data = data;
    this.companions = companions;
    this.workers = workers;
    this.policy = policy;
    this.asOf = asOf;
    this.minOverlap = policy.minimumOverlapSeconds();
    this.book = new LinkBook(data);
    for (TracingCase c : cases) {
      int dense = data.personIndex(c.personId());
      if (dense < 0) {
        throw new IllegalArgumentException("unknown case person " + c.personId());
      }
      if (caseEnd.containsKey(dense)) {
        throw new IllegalArgumentException("person " + c.personId() + " is given as a case twice");
      }
      int end = c.isolated() == null ? asOf : Math.min(asOf, TracingData.indexTime(c.isolated()));
      caseEnd.put(dense, end);
      caseOnset.put(dense, TracingData.indexTime(c.onset()));
      caseOrder.add(dense);
    }
  }

  List<TracedContact> run() {
    cases = caseOrder.stream().mapToInt(Integer::intValue).toArray();
    primaries();
    int reached = book.size();
    caseBits = new long[(data.persons().size() + 63) >>> 6];
    for (int c : cases) {
      caseBits[c >>> 6] |= 1L << c;
    }
    closeOrCase = caseBits.clone();
    for (int slot = 0; slot < reached; slot++) {
      if (book.has(slot, ContactCategory.CLOSE.ordinal())) {
        int p = book.person(slot);
        closeOrCase[p >>> 6] |= 1L << p;
      }
    }
    secondaries(reached);
    return listing();
  }

  /**
   * The cases' own links: household, venues and trips with the cases split over {@link #workers}
   * threads each into a book of its own and merged category by category, like {@link #secondaries};
   * then the cells of all cases at once ({@link CompanionSearch}).
   */
  private void primaries() {
    int parts = Math.max(1, Math.min(workers, cases.length));
    List<LinkBook> books = IntStream.range(0, parts).parallel().mapToObj(part -> {
      LinkBook into = parts == 1 ? book : new LinkBook(data);
      for (int i = part; i < cases.length; i += parts) {
        int c = cases[i];
        int end = caseEnd.get(c);
        int onset = caseOnset.get(c);
        int contactFrom = minus(onset, policy.contactWindowSeconds());
        if (contactFrom < end) {
          household(into, c, contactFrom, end, ContactCategory.CLOSE);
          venues(into, c, contactFrom, end, false);
          trips(into, c, contactFrom, end, false);
        }
      }
      return into;
    }).toList();
    if (parts > 1) {
      for (LinkBook b : books) {
        for (ContactCategory category : PRIMARY) {
          b.mergeInto(book, category);
        }
      }
    }
    int[] from = new int[cases.length];
    int[] to = new int[cases.length];
    for (int i = 0; i < cases.length; i++) {
      from[i] = minus(caseOnset.get(cases[i]), policy.companionWindowSeconds());
      to[i] = caseEnd.get(cases[i]);
    }
    companions.reset(data);
    new CompanionSearch(data, policy).run(cases, from, to, workers, companions);
  }

  /**
   * Secondary links from every close contact (slots below {@code reached}), split over
   * {@link #workers} threads of the common fork-join pool, each into a book of its own; the books
   * are then merged, which gives the same result in any order because a book keeps a total-order
   * minimum and a maximum.
   */
  private void secondaries(int reached) {
    int[] sources = new int[reached];
    int n = 0;
    for (int slot = 0; slot < reached; slot++) {
      if (book.has(slot, ContactCategory.CLOSE.ordinal())) {
        sources[n++] = slot;
      }
    }
    int count = n;
    int parts = Math.max(1, Math.min(workers, count));
    List<LinkBook> books = IntStream.range(0, parts).parallel().mapToObj(part -> {
      LinkBook into = parts == 1 ? book : new LinkBook(data);
      for (int i = part; i < count; i += parts) {
        int slot = sources[i];
        int c = book.person(slot);
        int from = book.start(slot, ContactCategory.CLOSE);
        int end = caseEnd.getOrDefault(c, asOf);
        if (from < end) {
          household(into, c, from, end, ContactCategory.SECONDARY);
          venues(into, c, from, end, true);
          trips(into, c, from, end, true);
        }
      }
      return into;
    }).toList();
    if (parts > 1) {
      for (LinkBook b : books) {
        b.mergeInto(book, ContactCategory.SECONDARY);
      }
    }
  }

  private void household(LinkBook into, int source, int from, int to, ContactCategory category) {
    Households h = data.households();
    int hh = h.householdOf(source);
    for (int i = h.membersFrom(hh); i < h.membersTo(hh); i++) {
      int m = h.member(i);
      if (m != source) {
        offer(into, m, category, source, ContactTrack.HOUSEHOLD, hh, from, to);
      }
    }
  }

  /** Meetings at venues; {@code secondary}: only {@code close} venues, as secondary links. */
  private void venues(LinkBook into, int source, int from, int to, boolean secondary) {
    PresenceIndex scans = data.scans();
    scans.forEachOfPerson(source, from, to, (self, venue, start, end, seat) -> {
      boolean close = data.venueClass(venue) == ContactClass.CLOSE;
      if (secondary && !close) {
        return;
      }
      ContactCategory category = secondary ? ContactCategory.SECONDARY
          : close ? ContactCategory.CLOSE : ContactCategory.KEY;
      meet(scans, source, venue, Math.max(start, from), Math.min(end, to), minOverlap,
          (other, a, b, otherSeat) -> offer(into, other, category, source, ContactTrack.VENUE, venue,
              a, b));
    });
  }

  /** Meetings on trips; {@code secondary}: only near seats, as secondary links. */
  private void trips(LinkBook into, int source, int from, int to, boolean secondary) {
    PresenceIndex rides = data.rides();
    int maxRows = policy.maxSeatRowDistance();
    rides.forEachOfPerson(source, from, to, (self, trip, start, end, seat) -> {
      if (secondary && seat == 0) {
        return;
      }
      meet(rides, source, trip, Math.max(start, from), Math.min(end, to), minOverlap,
          (other, a, b, otherSeat) -> {
            boolean near = seat > 0 && otherSeat > 0 && Math.abs(seat - otherSeat) <= maxRows;
            if (near || !secondary) {
              ContactCategory category = secondary ? ContactCategory.SECONDARY
                  : near ? ContactCategory.CLOSE : ContactCategory.KEY;
              offer(into, other, category, source, ContactTrack.TRIP, trip, a, b);
            }
          });
    });
  }

  /**
   * Records a link, except a secondary link to a close contact or a case: close wins over secondary
   * and cases are never listed, so such a link can change nothing (and in a dense city most targets
   * of secondary links are close contacts already).
   */
  private void offer(LinkBook into, int who, ContactCategory category, int src, ContactTrack via,
      int where, int from, int to) {
    if (category == ContactCategory.SECONDARY && (closeOrCase[who >>> 6] & (1L << who)) != 0) {
      return;
    }
    into.offer(who, category, src, via, where, from, to);
  }

  /** A presence of another person whose overlap with {@code [from, to)} is long enough. */
  @FunctionalInterface
  private interface Meeting {
    void met(int other, int from, int to, int otherSeat);
  }

  /** Others at {@code place} overlapping {@code [from, to)} by at least {@code min} seconds. */
  private static void meet(PresenceIndex index, int self, int place, int from, int to, int min,
      Meeting meeting) {
    if ((long) to - from < min) {
      return;
    }
    index.forEachAtPlace(place, from, to, (other, p, start, end, seat) -> {
      if (other == self) {
        return;
      }
      int a = Math.max(start, from);
      int b = Math.min(end, to);
      if ((long) b - a >= min) {
        meeting.met(other, a, b, seat);
      }
    });
  }

  /** The listed persons by category, then person id. */
  private List<TracedContact> listing() {
    // a bit per person of the book (a more severe link than any companion) or a case: a companion
    // listing tests millions of persons against it, and a bit set stays in the cache where the book's
    // table does not
    booked = caseBits.clone();
    for (int slot = 0; slot < book.size(); slot++) {
      int p = book.person(slot);
      booked[p >>> 6] |= 1L << p;
    }
    // dense ids sort like person ids when persons were interned in id order: then the sort keys
    // need no lookup, and the merge reads the dictionary in order
    int persons = data.persons().size();
    denseSortsById = data.persons().ascendingPrefix() >= persons;
    List<Part> tasks = new ArrayList<>();
    for (ContactCategory c : PRIMARY_AND_SECONDARY) {
      tasks.add(new Part(c));
    }
    tasks.parallelStream().forEach(Part::sort);
    int[] companionRows = listedCompanions();
    TraceListing out = new TraceListing(tasks.stream().mapToInt(t -> t.size).sum()
        + companionRows.length);
    for (Part part : tasks) {
      part.appendTo(out);
    }
    for (int p : companionRows) {
      out.add(data.persons().externalId(p), ContactCategory.COMPANION,
          data.persons().externalId(companions.source(p)), ContactTrack.CELL,
          data.cells().placeId(companions.cell(p)), companions.start(p), companions.end(p));
    }
    return out;
  }

  /**
   * The dense ids of the persons listed as companions (in the table, not booked), in person id
   * order: walking the table's bits gives dense id order, which is that order where persons were
   * interned in id order; otherwise their ids are sorted.
   */
  private int[] listedCompanions() {
    int n = 0;
    int[] listed = new int[1024];
    for (int w = 0; w < companions.words(); w++) {
      long bits = companions.word(w) & ~booked[w];
      while (bits != 0) {
        if (n == listed.length) {
          listed = Arrays.copyOf(listed, n * 2);
        }
        listed[n++] = (w << 6) + Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
      }
    }
    listed = Arrays.copyOf(listed, n);
    if (!denseSortsById) {
      long[] ids = new long[n];
      for (int i = 0; i < n; i++) {
        ids[i] = data.persons().externalId(listed[i]);
      }
      PrimitiveSort.byKeyRadix(ids, listed, n);
    }
    return listed;
  }

  /**
   * The persons of {@link #book} whose most severe category is {@code category}, cases left out; their
   * keys (person ids, or dense ids where those sort alike) sorted as primitives with their slots (a
   * comparator over hundreds of thousands of records costs a pointer chase per comparison).
   */
  private final class Part {
    final ContactCategory category;
    long[] keys;
    int[] slots;
    int size;

    Part(ContactCategory category) {
      this.category = category;
    }

    void sort() {
      keys = new long[book.size()];
      slots = new int[book.size()];
      for (int slot = 0; slot < book.size(); slot++) {
        int p = book.person(slot);
        if (book.category(slot) == category && !isCase(p)) {
          keys[size] = denseSortsById ? p : data.persons().externalId(p);
          slots[size++] = slot;
        }
      }
      PrimitiveSort.byKeyRadix(keys, slots, size);
    }

    void appendTo(TraceListing out) {
      ContactCategory c = category;
      for (int i = 0; i < size; i++) {
        int slot = slots[i];
        long personId = denseSortsById ? data.persons().externalId((int) keys[i]) : keys[i];
        out.add(personId, c, data.persons().externalId(book.source(slot, c)), book.track(slot, c),
            book.placeId(slot, c), book.start(slot, c), book.end(slot, c));
      }
    }
  }

  private boolean isCase(int person) {
    return (caseBits[person >>> 6] & (1L << person)) != 0;
  }

  private static int minus(int t, int seconds) {
    return (int) Math.max(Integer.MIN_VALUE, (long) t - seconds);
  }
}
