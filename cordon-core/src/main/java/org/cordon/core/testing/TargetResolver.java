package org.cordon.core.testing;

import java.util.BitSet;
import org.cordon.core.place.DivisionCode;

/** Resolves a {@link TargetPopulation} to the set of population indexes it covers. */
final class TargetResolver {
  private TargetResolver() {
  }

  /**
   * @throws IllegalArgumentException for a division not in the population's tree, an unknown key group or an
   *     explicit person not in the population
   */
  static BitSet resolve(TargetPopulation target, TestingPopulation population) {
    BitSet set = new BitSet(population.size());
    for (DivisionCode d : target.divisions()) {
      population.tree().get(d);
      int[] r = population.range(d);
      set.set(r[0], r[1]);
    }
    for (String g : target.groups()) {
      if (!population.groupNames().contains(g)) {
        throw new IllegalArgumentException("unknown key group " + g + " (known: " + population.groupNames() + ")");
      }
      for (int p : population.groupMembers(g)) {
        set.set(p);
      }
    }
    for (long id : target.persons()) {
      int p = population.index(id);
      if (p < 0) {
        throw new IllegalArgumentException("target person " + id + " is not in the population");
      }
      set.set(p);
    }
    return set;
  }
}
