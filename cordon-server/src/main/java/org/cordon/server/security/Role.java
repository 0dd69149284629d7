package org.cordon.server.security;

import java.util.Locale;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The roles of people and machines that use Cordon. Spring authorities are {@code ROLE_<name>}. */
public enum Role {
  /** Runs the response in a jurisdiction: sees everything there, issues tokens, reads audits. */
  COMMAND_CENTRE,
  /** Epidemiological investigator: traces contacts, needs full identity numbers and phones. */
  INVESTIGATOR,
  /** Community (社区) worker: visits and calls residents of a street or community. */
  COMMUNITY_WORKER,
  /** Manager of an isolation or quarantine facility. */
  FACILITY_MANAGER,
  /** A testing laboratory (API token): will report results. */
  LAB,
  /** A venue-code scanner (API token) bound to one venue: sends scan events. */
  VENUE_DEVICE,
  /**
   * A resident signed in with an identity number and a one-time code: sees their own health code and
   * nothing else. The caller's name is {@code resident:<personId>}, its jurisdiction the home division.
   */
  RESIDENT;

  /** The Spring Security authority, e.g. {@code ROLE_INVESTIGATOR}. */
  public SimpleGrantedAuthority authority() {
    return new SimpleGrantedAuthority("ROLE_" + name());
  }

  /**
   * Parses a role name as written in requests and configuration, case-insensitively.
   *
   * @throws IllegalArgumentException listing the valid roles
   */
  public static Role parse(String text) {
    if (text != null) {
      for (Role r : values()) {
        if (r.name().equals(text.strip().toUpperCase(Locale.ROOT))) {
          return r;
        }
      }
    }
    throw new IllegalArgumentException("role '" + text + "' is not one of "
        + java.util.Arrays.toString(values()));
  }
}
