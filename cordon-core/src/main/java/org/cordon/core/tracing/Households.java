package org.cordon.core.tracing;

import java.util.Arrays;

/**
 * Who lives with whom, by dense person id (of the {@link org.cordon.core.presence.PersonDictionary}
 * shared with the presence indexes): a compressed sparse row table of int arrays, person → dense
 * household → members in ascending dense id. About 12 bytes per person plus 12 per household.
 *
 * <p>Immutable and thread-safe. A dense person id at or beyond {@link #persons()} is not a known
 * person.
 */
public final class Households {
  private final int[] householdOf;
  private final long[] householdIds;
  private final int[] memberStart;
  private final int[] members;

  private Households(int[] householdOf, long[] householdIds, int[] memberStart, int[] members) {
    this.householdOf = householdOf;
    this.householdIds = householdIds;
    this.memberStart = memberStart;
    this.members = members;
  }

  /**
   * Groups persons {@code 0 .. count-1} by household.
   *
   * @param householdIdOf external household id (positive) of each dense person id
   */
  public static Households of(long[] householdIdOf, int count) {
    long[] ids = Arrays.copyOf(householdIdOf, count);
    Arrays.sort(ids);
    int distinct = 0;
    for (int i = 0; i < count; i++) {
      if (i == 0 || ids[i] != ids[i - 1]) {
        ids[distinct++] = ids[i];
      }
    }
    ids = Arrays.copyOf(ids, distinct);
    int[] of = new int[count];
    int[] start = new int[distinct + 1];
    for (int p = 0; p < count; p++) {
      of[p] = Arrays.binarySearch(ids, householdIdOf[p]);
      start[of[p] + 1]++;
    }
    for (int h = 0; h < distinct; h++) {
      start[h + 1] += start[h];
    }
    int[] fill = Arrays.copyOf(start, distinct);
    int[] members = new int[count];
    for (int p = 0; p < count; p++) {
      members[fill[of[p]]++] = p;
    }
    return new Households(of, ids, start, members);
  }

  /** Number of known persons (dense ids {@code 0 .. persons()-1}). */
  public int persons() {
    return householdOf.length;
  }

  /** Dense household of a dense person, -1 for an unknown person. */
  public int householdOf(int person) {
    return person >= 0 && person < householdOf.length ? householdOf[person] : -1;
  }

  /** External id of a dense household. */
  public long householdId(int household) {
    return householdIds[household];
  }

  /** Index into {@link #member(int)} of the household's first member. */
  public int membersFrom(int household) {
    return memberStart[household];
  }

  /** Index into {@link #member(int)} just past the household's last member. */
  public int membersTo(int household) {
    return memberStart[household + 1];
  }

  /** Dense person id at position {@code i} of the member table. */
  public int member(int i) {
    return members[i];
  }

  /** Bytes of the arrays. */
  public long bytesUsed() {
    return 4L * householdOf.length + 8L * householdIds.length + 4L * memberStart.length
        + 4L * members.length;
  }
}
