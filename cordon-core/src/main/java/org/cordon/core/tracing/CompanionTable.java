package org.cordon.core.tracing;

import java.util.Arrays;

/**
 * The companion links of one trace reduced per person, in a table indexed directly by dense person
 * id: a 16-byte record {@code start, end, source, cell} per person and a bit saying it is set.
 *
 * <p>Why not a {@link LinkBook}: a hundred cases in a dense city reach millions of companions, and a
 * hash book costs a probe, a record and rehashes as it grows, then a sort of millions of ids to list
 * them. Here an offer touches one record, and the listing walks the set bits in dense id order, which
 * is person id order where persons were interned in id order (no sort at all). The records are not
 * cleared between traces, only the bits: a table is kept by the engine and reused
 * ({@link ContactTracingEngine}), so a trace does not zero 16 bytes a resident.
 *
 * <p>Threads: bits are set per 64-person word, so writers of disjoint word sets never share a word:
 * worker {@code w} of {@code parts} takes the persons with {@code (person >>> 6) % parts == w}.
 */
final class CompanionTable {
  private int[] records = new int[0];
  private long[] set = new long[0];
  private int persons;
  private TracingData data;

  /** Makes the table empty and ready for {@code data}'s persons. */
  void reset(TracingData data) {
    this.data = data;
    int n = data.persons().size();
    int words = (n + 63) >>> 6;
    if (set.length < words) {
      set = new long[words];
      records = new int[words * 64 * 4];
    } else {
      Arrays.fill(set, 0, Math.min(set.length, (persons + 63) >>> 6), 0L);
    }
    persons = n;
  }

  /** Lets go of the trace's data, so that a kept table does not hold an old snapshot in memory. */
  void release() {
    data = null;
  }

  /** Offers a companion link of {@code who}; see {@link LinkBook#offer} for the reduction. */
  void offer(int who, int src, int cell, int from, int to) {
    int r = who << 2;
    int[] rec = records;
    long bit = 1L << who;
    int w = who >>> 6;
    if ((set[w] & bit) == 0) {
      set[w] |= bit;
      rec[r] = from;
      rec[r + 1] = to;
      rec[r + 2] = src;
      rec[r + 3] = cell;
      return;
    }
    if (to > rec[r + 1]) {
      rec[r + 1] = to;
    }
    if (from < rec[r] || from == rec[r] && LinkBook.earlier(data, src, ContactTrack.CELL, cell,
        rec[r + 2], ContactTrack.CELL, rec[r + 3])) {
      rec[r] = from;
      rec[r + 2] = src;
      rec[r + 3] = cell;
    }
  }

  /** The 64-bit word of set bits of persons {@code 64 * word .. 64 * word + 63}. */
  long word(int word) {
    return set[word];
  }

  int words() {
    return (persons + 63) >>> 6;
  }

  int start(int who) {
    return records[who << 2];
  }

  int end(int who) {
    return records[(who << 2) + 1];
  }

  int source(int who) {
    return records[(who << 2) + 2];
  }

  int cell(int who) {
    return records[(who << 2) + 3];
  }
}
