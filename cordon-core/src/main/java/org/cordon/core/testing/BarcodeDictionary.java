package org.cordon.core.testing;

import java.util.Arrays;

/**
 * Tube barcodes to dense tube numbers (0, 1, 2, ... in order of first insertion): open addressing with
 * linear probing over an int table, the barcodes kept once in an array. About 4 bytes of table and
 * one String per tube, no boxed entries. Not thread-safe.
 */
final class BarcodeDictionary {
  private String[] barcodes = new String[1024];
  private int[] table = new int[2048];   // tube number + 1, 0 = empty
  private int size;

  int size() {
    return size;
  }

  String barcode(int tube) {
    return barcodes[tube];
  }

  /** The tube number of {@code barcode}, or -1. */
  int find(String barcode) {
    int mask = table.length - 1;
    for (int slot = spread(barcode.hashCode()) & mask; ; slot = (slot + 1) & mask) {
      int t = table[slot];
      if (t == 0) {
        return -1;
      }
      if (barcodes[t - 1].equals(barcode)) {
        return t - 1;
      }
    }
  }

  /** Adds a barcode not present yet and returns its tube number. */
  int add(String barcode) {
    if (size == barcodes.length) {
      barcodes = Arrays.copyOf(barcodes, size * 2);
    }
    if ((size + 1) * 2 > table.length) {
      rehash(table.length * 2);
    }
    barcodes[size] = barcode;
    insert(size);
    return size++;
  }

  private void rehash(int capacity) {
    table = new int[capacity];
    for (int t = 0; t < size; t++) {
      insert(t);
    }
  }

  private void insert(int tube) {
    int mask = table.length - 1;
    int slot = spread(barcodes[tube].hashCode()) & mask;
    while (table[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    table[slot] = tube + 1;
  }

  private static int spread(int h) {
    return (h ^ (h >>> 16)) * 0x9E3779B1;
  }
}
