package org.cordon.core.tracing;

import java.util.Locale;

/**
 * What a traced person is, most severe first: the declaration order is the severity order, so a
 * person reached several ways is listed under the category with the lowest ordinal.
 */
public enum ContactCategory {
  /** 密接: close-type link (household, {@code close} venue, near seats) to a case. */
  CLOSE,
  /** 次密接: close-type link to a close contact, for a person who is no close contact of any case. */
  SECONDARY,
  /** 同时空重点人员: met a case at a {@code key} venue, or rode its trip without near seats. */
  KEY,
  /** 时空伴随者: dwelt in a grid cell together with a case long enough. */
  COMPANION;

  /** The lower-case form used in files and APIs, e.g. {@code close}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
