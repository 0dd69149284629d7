package org.cordon.server.intake;

import org.cordon.core.place.DivisionCode;
import org.cordon.server.security.Caller;
import org.cordon.server.security.Jurisdiction;

/**
 * Where the rows of an upload (or a single event) may lie. Over HTTP it is the caller's jurisdiction; a
 * person whose {@code home_division}, a venue whose {@code division}, or a scan at a venue whose division
 * lies outside it is a bad row with the reason. Trips and dwells carry no division and are not scoped
 * (their person must be stored, wherever it lives; see docs/security.md).
 *
 * <p>{@link #WHOLE_COUNTRY} admits every division: it is for code that runs without a caller, the demo
 * loader and the benchmarks, never for a request.
 *
 * @param jurisdiction the subtree rows must lie in, or {@code null} for the whole country
 */
public record IntakeScope(Jurisdiction jurisdiction) {

  /** Admits every division. */
  public static final IntakeScope WHOLE_COUNTRY = new IntakeScope(null);

  /** Admits {@code root} and the divisions under it. */
  public static IntakeScope within(DivisionCode root) {
    return new IntakeScope(new Jurisdiction(root));
  }

  /** The jurisdiction of {@code caller}. */
  public static IntakeScope of(Caller caller) {
    return new IntakeScope(caller.scope());
  }

  /**
   * Why {@code field} = {@code division} may not be stored in this scope, or {@code null} when it may:
   * {@code "home_division 140202001001 is outside your jurisdiction 1401"}.
   */
  String outside(String field, DivisionCode division) {
    return jurisdiction == null || jurisdiction.contains(division) ? null
        : field + " " + division + " is outside your jurisdiction " + jurisdiction.root();
  }

  /**
   * Why a scan at {@code venueId}, stored with division {@code venueDivision}, may not be stored in this
   * scope, or {@code null} when it may.
   */
  String venueOutside(String venueId, String venueDivision) {
    return jurisdiction == null || jurisdiction.contains(venueDivision) ? null
        : "venue '" + venueId + "' lies in division " + venueDivision
            + ", outside your jurisdiction " + jurisdiction.root();
  }

  /** Whether a stored division (as text) lies in this scope. */
  boolean admits(String division) {
    return jurisdiction == null || jurisdiction.contains(division);
  }
}
