package org.cordon.server.security;

import org.cordon.core.place.DivisionCode;

/**
 * Names of divisions for display (jurisdiction names, dashboard rows).
 */
@FunctionalInterface
public interface DivisionNames {

  /** The division's name, or null if it is unknown. */
  String nameOf(DivisionCode code);

  /** The name, or the code itself when the name is unknown. */
  default String displayName(DivisionCode code) {
    String name = nameOf(code);
    return name == null ? code.value() : name;
  }
}
