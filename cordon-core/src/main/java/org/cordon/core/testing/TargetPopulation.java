package org.cordon.core.testing;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.cordon.core.place.DivisionCode;

/**
 * Who a campaign must test: the union of everyone living in {@code divisions} (at any level), the members
 * of the key {@code groups} and the explicit {@code persons} (e.g. the residents of a sealed zone drawn on
 * the map). At least one of the three is non-empty.
 *
 * @param divisions divisions whose residents are targeted (by home division)
 * @param groups key-group names (as in {@link TestingPopulation.Builder#group})
 * @param persons explicit person ids, sorted and unique
 */
public record TargetPopulation(Set<DivisionCode> divisions, Set<String> groups, long[] persons) {

  public TargetPopulation {
    divisions = Set.copyOf(new TreeSet<>(divisions == null ? Set.of() : divisions));
    groups = Set.copyOf(groups == null ? Set.of() : groups);
    persons = persons == null ? new long[0] : Arrays.stream(persons).sorted().distinct().toArray();
    if (divisions.isEmpty() && groups.isEmpty() && persons.length == 0) {
      throw new IllegalArgumentException("a target population needs divisions, groups or persons");
    }
  }

  /** Everyone living in these divisions. */
  public static TargetPopulation divisions(DivisionCode... divisions) {
    return new TargetPopulation(Set.of(divisions), Set.of(), null);
  }

  /** The members of these key groups. */
  public static TargetPopulation groups(String... groups) {
    return new TargetPopulation(Set.of(), Set.of(groups), null);
  }

  /** Exactly these persons (e.g. a zone's residents). */
  public static TargetPopulation persons(long... persons) {
    return new TargetPopulation(Set.of(), Set.of(), persons);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TargetPopulation t && divisions.equals(t.divisions) && groups.equals(t.groups)
        && Arrays.equals(persons, t.persons);
  }

  @Override
  public int hashCode() {
    return (divisions.hashCode() * 31 + groups.hashCode()) * 31 + Arrays.hashCode(persons);
  }

  @Override
  public String toString() {
    return "TargetPopulation[divisions=" + new TreeSet<>(divisions) + ", groups=" + new TreeSet<>(groups)
        + ", persons=" + persons.length + "]";
  }
}
