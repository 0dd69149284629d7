package org.cordon.server.security;

import org.cordon.core.place.DivisionCode;

/**
 * The division subtree a caller may see. Stores scope their queries with {@link #likePattern()} on a
 * division column ({@code home_division like ?}), and controllers check requested divisions with
 * {@link #require(DivisionCode)}.
 */
public record Jurisdiction(DivisionCode root) {

  public Jurisdiction {
    if (root == null) {
      throw new IllegalArgumentException("jurisdiction needs a division code");
    }
  }

  /** Whether {@code division} is the root or lies under it. */
  public boolean contains(DivisionCode division) {
    return root.contains(division);
  }

  /** Whether a stored division code (as text) lies in this jurisdiction; null or malformed is outside. */
  public boolean contains(String divisionColumnValue) {
    return divisionColumnValue != null && divisionColumnValue.startsWith(root.value());
  }

  /**
   * The SQL predicate restricting {@code column} to this jurisdiction, with one {@code ?} parameter to
   * bind to {@link #likePattern()}. The column name is the caller's, never user input.
   */
  public static String predicate(String column) {
    return column + " like ?";
  }

  /**
   * The {@code LIKE} pattern matching the subtree: the root code followed by {@code %}. Division codes
   * are digits only, so nothing needs escaping.
   */
  public String likePattern() {
    return root.value() + "%";
  }

  /**
   * Returns {@code division} if it is inside this jurisdiction.
   *
   * @throws OutsideJurisdictionException saying which division was asked for and which is allowed
   */
  public DivisionCode require(DivisionCode division) {
    if (!contains(division)) {
      throw new OutsideJurisdictionException("division " + division + " is outside your jurisdiction "
          + root);
    }
    return division;
  }
}
