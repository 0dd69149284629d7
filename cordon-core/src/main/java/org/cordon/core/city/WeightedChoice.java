package org.cordon.core.city;

import java.util.SplittableRandom;

/** Draws an index with probability proportional to its weight, in O(log n) per draw. */
final class WeightedChoice {
  private final double[] cdf;

  WeightedChoice(double[] weights) {
    if (weights.length == 0) {
      throw new IllegalArgumentException("no weights");
    }
    cdf = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0)) {
        throw new IllegalArgumentException("negative weight at " + i);
      }
      sum += weights[i];
      cdf[i] = sum;
    }
    if (sum <= 0) {
      throw new IllegalArgumentException("weights add up to zero");
    }
  }

  int size() {
    return cdf.length;
  }

  int next(SplittableRandom random) {
    double u = random.nextDouble() * cdf[cdf.length - 1];
    int lo = 0;
    int hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] <= u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
