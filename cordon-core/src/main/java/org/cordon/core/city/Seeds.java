package org.cordon.core.city;

import java.util.SplittableRandom;

/**
 * Independent deterministic random streams per (seed, purpose, key), so that each person-day can be
 * generated on any thread and still give the same bytes.
 */
final class Seeds {
  private Seeds() {
  }

  static SplittableRandom stream(long seed, long purpose, long key) {
    return new SplittableRandom(mix(mix(seed ^ 0x9E3779B97F4A7C15L * (purpose + 1)) + key));
  }

  /** Stafford's variant 13 of the MurmurHash3 finaliser: a bijective 64-bit mix. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
