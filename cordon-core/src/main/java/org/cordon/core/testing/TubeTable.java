package org.cordon.core.testing;

import java.util.Arrays;

/**
 * The tubes of one round in parallel primitive arrays indexed by tube number (see {@link BarcodeDictionary}):
 * site, capacity, fill, the times of each step as seconds after the round's epoch, the current result,
 * and the member persons in one int array where tube {@code t} owns the slots
 * {@code [memberStart[t], memberStart[t] + capacity[t])}. About 40 bytes a tube plus 4 a slot.
 * Not thread-safe; {@link SamplingRound} guards it.
 */
final class TubeTable {
  static final int NONE = Integer.MIN_VALUE;
  static final byte NO_RESULT = -1;

  final BarcodeDictionary barcodes = new BarcodeDictionary();
  int[] site = new int[1024];
  byte[] capacity = new byte[1024];
  byte[] count = new byte[1024];
  int[] memberStart = new int[1024];
  int[] openedAt = new int[1024];
  int[] firstSampleAt = new int[1024];
  int[] closedAt = new int[1024];
  int[] receivedAt = new int[1024];
  int[] resultAt = new int[1024];
  int[] firstResultAt = new int[1024];
  int[] resultSource = new int[1024];
  byte[] result = new byte[1024];
  int[] members = new int[1024 * 10];
  int memberEnd;

  int size() {
    return barcodes.size();
  }

  int find(String barcode) {
    return barcodes.find(barcode);
  }

  String barcode(int tube) {
    return barcodes.barcode(tube);
  }

  int open(String barcode, int siteNumber, int cap, int at) {
    int t = barcodes.add(barcode);
    if (t == site.length) {
      grow(t * 2);
    }
    if (memberEnd + cap > members.length) {
      members = Arrays.copyOf(members, Math.max(members.length * 2, memberEnd + cap));
    }
    site[t] = siteNumber;
    capacity[t] = (byte) cap;
    count[t] = 0;
    memberStart[t] = memberEnd;
    memberEnd += cap;
    openedAt[t] = at;
    firstSampleAt[t] = NONE;
    closedAt[t] = NONE;
    receivedAt[t] = NONE;
    resultAt[t] = NONE;
    firstResultAt[t] = NONE;
    resultSource[t] = -1;
    result[t] = NO_RESULT;
    return t;
  }

  private void grow(int n) {
    site = Arrays.copyOf(site, n);
    capacity = Arrays.copyOf(capacity, n);
    count = Arrays.copyOf(count, n);
    memberStart = Arrays.copyOf(memberStart, n);
    openedAt = Arrays.copyOf(openedAt, n);
    firstSampleAt = Arrays.copyOf(firstSampleAt, n);
    closedAt = Arrays.copyOf(closedAt, n);
    receivedAt = Arrays.copyOf(receivedAt, n);
    resultAt = Arrays.copyOf(resultAt, n);
    firstResultAt = Arrays.copyOf(firstResultAt, n);
    resultSource = Arrays.copyOf(resultSource, n);
    result = Arrays.copyOf(result, n);
  }

  boolean isClosed(int t) {
    return closedAt[t] != NONE;
  }

  int member(int t, int i) {
    return members[memberStart[t] + i];
  }

  /** Appends a person; returns true when that filled the tube. */
  boolean add(int t, int person, int at) {
    members[memberStart[t] + count[t]] = person;
    count[t]++;
    if (firstSampleAt[t] == NONE || at < firstSampleAt[t]) {
      firstSampleAt[t] = at;
    }
    return count[t] == capacity[t];
  }

  /** Undoes the last {@link #add} of tube {@code t}, restoring its first-sample time. */
  void removeLast(int t, int previousFirstSampleAt) {
    count[t]--;
    members[memberStart[t] + count[t]] = 0;
    firstSampleAt[t] = previousFirstSampleAt;
  }

  static TubeResult resultOf(byte code) {
    return code == NO_RESULT ? null : TubeResult.values()[code];
  }
}
