package org.cordon.core.place;

/**
 * One administrative division: its code, its name as published (e.g. {@code 小店区},
 * {@code 师范街社区居委会}) and the code of the division that contains it.
 *
 * @param code   the division's code
 * @param name   the published name, never blank
 * @param parent the containing division's code ({@code code.parent()}), {@code null} for a province
 */
public record Division(DivisionCode code, String name, DivisionCode parent) {

  public Division {
    if (code == null) {
      throw new IllegalArgumentException("division code is required");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("division " + code + " has an empty name");
    }
    if (parent == null ? code.level() != 1 : !parent.equals(code.parent())) {
      throw new IllegalArgumentException(
          "division " + code + " must have parent " + code.parent() + ", got " + parent);
    }
  }

  /** Level: 1 province, 2 prefecture, 3 county, 4 township/street, 5 village/community. */
  public int level() {
    return code.level();
  }
}
