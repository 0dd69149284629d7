package org.cordon.server.healthcode;

import org.cordon.server.security.Caller;
import org.cordon.server.security.Role;

/** Residents as callers: their name is {@code resident:<personId>}. */
final class Residents {
  static final String PREFIX = "resident:";

  private Residents() {
  }

  /** The person a resident caller is. */
  static long personOf(Caller caller) {
    if (caller.role() != Role.RESIDENT || !caller.name().startsWith(PREFIX)) {
      throw new IllegalStateException("not a resident: " + caller.name());
    }
    return Long.parseLong(caller.name().substring(PREFIX.length()));
  }
}
