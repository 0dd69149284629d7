package org.cordon.core.tracing;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.cordon.core.presence.PresenceIndex;
import org.cordon.core.primitive.PrimitiveSort;

/**
 * The time-space companions of all cases of one trace, searched cell by cell instead of case by case.
 *
 * <p>Why: a cell of a dense district holds thousands of residents who are there every night, and
 * cases of one outbreak share cells. Case by case, each resident of a case's home cell is offered to
 * the trace's book once per night per case (tens of offers per person, each a cache miss in a table of
 * millions), and a cell shared by several cases is read once per case. Here the cases' dwells are
 * grouped by cell; the dwells of a cell that overlap or touch are merged into spans; each span is read
 * once; each row is matched against the case dwells it can overlap; and the links are reduced in a
 * book of the cell alone (small enough to stay in the processor's cache) before the one reduced link
 * per person and cell goes on. The result is the same as offering every link:
 * a book keeps a total-order minimum and a maximum, so the order of reduction does not matter.
 *
 * <p>Cells are handed out to {@code workers} threads one at a time (hot cells make static shares
 * uneven). The reduced links then go to a {@link CompanionTable} whose persons are split between the
 * workers, filled in parallel, so that no single thread merges millions of links at the end: the trace
 * lists a person's companion link only when it has no link of a more severe category.
 */
final class CompanionSearch {
  private final TracingData data;
  private final TracingPolicy policy;
  private final int minOverlap;
  /** Case dwells cut to their case's companion window: cell, start, end, case index. */
  private int[] cell = new int[256];
  private int[] start = new int[256];
  private int[] end = new int[256];
  private int[] owner = new int[256];
  private int count;

  CompanionSearch(TracingData data, TracingPolicy policy) {
    this.data = data;
    this.policy = policy;
    this.minOverlap = policy.companionMinimumOverlapSeconds();
  }

  /**
   * Offers to {@code into} (reset for this data) the companion links of the cases {@code cases[i]}
   * (dense person ids) over their windows {@code [from[i], to[i])}.
   */
  void run(int[] cases, int[] from, int[] to, int workers, CompanionTable into) {
    PresenceIndex cells = data.cells();
    for (int i = 0; i < cases.length; i++) {
      if (from[i] >= to[i]) {
        continue;
      }
      int caseIndex = i;
      int lo = from[i];
      int hi = to[i];
      cells.forEachOfPerson(cases[i], lo, hi, (self, place, s, e, seat) -> {
        int a = Math.max(s, lo);
        int b = Math.min(e, hi);
        if ((long) b - a >= minOverlap) {
          add(place, a, b, caseIndex);
        }
      });
    }
    int parts = Math.max(1, workers);
    if (count == 0) {
      return;
    }
    int[] order = byCellThenStart();
    // cell groups: order[groupStart[g] .. groupStart[g + 1]) share a cell
    int[] groupStart = new int[count + 1];
    int groups = 0;
    for (int k = 0; k < count; k++) {
      if (k == 0 || cell[order[k]] != cell[order[k - 1]]) {
        groupStart[groups++] = k;
      }
    }
    groupStart[groups] = count;
    int groupCount = groups;
    // 1. cells handed out one at a time; each cell's links reduced in the worker's cell book, then
    //    appended to the worker's buffer of the person's book
    AtomicInteger next = new AtomicInteger();
    List<LinkBuffer[]> buffers = IntStream.range(0, Math.min(parts, groupCount)).parallel()
        .mapToObj(w -> {
          LinkBuffer[] out = new LinkBuffer[parts];
          Arrays.setAll(out, k -> new LinkBuffer());
          CellPass pass = new CellPass(cases, from, to, order);
          for (int g = next.getAndIncrement(); g < groupCount; g = next.getAndIncrement()) {
            pass.cell(groupStart[g], groupStart[g + 1], out);
          }
          return out;
        }).toList();
    // 2. each part of the table takes the links of its persons from every worker's buffer
    IntStream.range(0, parts).parallel().forEach(part -> {
      for (LinkBuffer[] worker : buffers) {
        worker[part].offerTo(into);
      }
    });
  }

  private void add(int place, int a, int b, int caseIndex) {
    if (count == cell.length) {
      int n = count * 2;
      cell = Arrays.copyOf(cell, n);
      start = Arrays.copyOf(start, n);
      end = Arrays.copyOf(end, n);
      owner = Arrays.copyOf(owner, n);
    }
    cell[count] = place;
    start[count] = a;
    end[count] = b;
    owner[count] = caseIndex;
    count++;
  }

  /** Indexes of the case dwells sorted by cell, then start. */
  private int[] byCellThenStart() {
    long[] keys = new long[count];
    int[] order = new int[count];
    for (int k = 0; k < count; k++) {
      keys[k] = (long) cell[k] << 32 | (start[k] ^ 0x8000_0000L);
      order[k] = k;
    }
    // keys repeat when one case has two dwells starting together in a cell; any order of those is fine
    PrimitiveSort.byKey(keys, order, 0, count);
    return order;
  }

  /** The state of one worker going through cells: its cell book and the current cell's dwells. */
  private final class CellPass {
    private final int[] cases;
    private final int[] from;
    private final int[] to;
    private final int[] order;
    private final LinkBook local = LinkBook.of(data, ContactCategory.COMPANION);
    /** The current cell's case dwells in start order. */
    private int[] qStart = new int[16];
    private int[] qEnd = new int[16];
    private int[] qCase = new int[16];
    private int q;
    private int longest;
    private Map<Long, Boolean> heavy;

    CellPass(int[] cases, int[] from, int[] to, int[] order) {
      this.cases = cases;
      this.from = from;
      this.to = to;
      this.order = order;
    }

    void cell(int lo, int hi, LinkBuffer[] out) {
      int place = cell[order[lo]];
      q = 0;
      longest = 0;
      if (hi - lo > qStart.length) {
        qStart = new int[hi - lo];
        qEnd = new int[hi - lo];
        qCase = new int[hi - lo];
      }
      for (int k = lo; k < hi; k++) {
        int d = order[k];
        qStart[q] = start[d];
        qEnd[q] = end[d];
        qCase[q] = owner[d];
        longest = Math.max(longest, end[d] - start[d]);
        q++;
      }
      heavy = policy.companionCumulativeFilter() ? new HashMap<>() : null;
      local.clear();
      PresenceIndex cells = data.cells();
      int spanFrom = qStart[0];
      int spanTo = qEnd[0];
      for (int k = 1; k <= q; k++) {
        if (k < q && qStart[k] <= spanTo) {
          spanTo = Math.max(spanTo, qEnd[k]);
          continue;
        }
        cells.forEachAtPlace(place, spanFrom, spanTo, (other, p, s, e, seat) -> match(other, p, s, e));
        if (k < q) {
          spanFrom = qStart[k];
          spanTo = qEnd[k];
        }
      }
      int parts = out.length;
      // by 64-person word, so that no two parts of the table write one word of its bit set
      local.forEach(ContactCategory.COMPANION, (who, src, via, where, a, b) ->
          out[(who >>> 6) % parts].add(who, src, where, a, b));
    }

    /** Links of the row {@code [s, e)} of {@code other} with the case dwells it can overlap. */
    private void match(int other, int place, int s, int e) {
      // dwells starting before e - minOverlap can overlap by minOverlap; none starting before
      // s - longest reaches past s
      int k = upperBound(e - minOverlap);
      long earliest = (long) s - longest;
      for (k = k - 1; k >= 0 && qStart[k] >= earliest; k--) {
        int c = qCase[k];
        if (cases[c] == other) {
          continue;
        }
        int a = Math.max(s, qStart[k]);
        int b = Math.min(e, qEnd[k]);
        if ((long) b - a >= minOverlap && (heavy == null || isHeavy(other, place, c))) {
          local.offer(other, ContactCategory.COMPANION, cases[c], ContactTrack.CELL, place, a, b);
        }
      }
    }

    /** Index of the first current dwell starting after {@code t}. */
    private int upperBound(int t) {
      int lo = 0;
      int hi = q;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (qStart[mid] <= t) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    private boolean isHeavy(int other, int place, int c) {
      return heavy.computeIfAbsent((long) other << 32 | c, k -> cumulative(other, place, from[c],
          to[c]) > policy.companionCumulativeSeconds());
    }
  }

  /** Reduced companion links appended in flat columns, on their way to the book of their persons. */
  private static final class LinkBuffer {
    /** who, src, cell, from, to per link. */
    private int[] links = new int[5 * 1024];
    private int size;

    void add(int who, int src, int where, int from, int to) {
      if (size + 5 > links.length) {
        links = Arrays.copyOf(links, links.length * 2);
      }
      links[size] = who;
      links[size + 1] = src;
      links[size + 2] = where;
      links[size + 3] = from;
      links[size + 4] = to;
      size += 5;
    }

    void offerTo(CompanionTable table) {
      for (int i = 0; i < size; i += 5) {
        table.offer(links[i], links[i + 1], links[i + 2], links[i + 3], links[i + 4]);
      }
    }
  }

  /** Seconds {@code person} spent in {@code place} inside {@code [from, to)}. */
  private long cumulative(int person, int place, int from, int to) {
    long[] sum = {0};
    data.cells().forEachOfPerson(person, from, to, (p, where, s, e, seat) -> {
      if (where == place) {
        sum[0] += Math.min(e, to) - Math.max(s, from);
      }
    });
    return sum[0];
  }
}
