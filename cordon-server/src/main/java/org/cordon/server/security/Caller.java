package org.cordon.server.security;

import java.io.Serializable;
import java.util.List;
import org.cordon.core.place.DivisionCode;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who is making a request: a console user (session or HTTP Basic) or an API token (bearer). It is the
 * principal of every authentication Cordon creates, and controllers get it as a method parameter.
 *
 * @param name the username, or {@code token:<id>} for an API token
 * @param displayName shown in the console
 * @param role the single role
 * @param jurisdiction root of the division subtree the caller may see
 * @param venueId for a venue device, the venue its token is bound to; otherwise null
 */
public record Caller(String name, String displayName, Role role, DivisionCode jurisdiction,
    String venueId) implements Serializable {

  private static final long serialVersionUID = 1L;

  public Caller {
    if (name == null || name.isBlank() || role == null || jurisdiction == null) {
      throw new IllegalArgumentException("caller needs a name, a role and a jurisdiction");
    }
  }

  /** The caller's jurisdiction as a scope for queries. */
  public Jurisdiction scope() {
    return new Jurisdiction(jurisdiction);
  }

  /** Whether the standard policy grants this caller {@code permission}. */
  public boolean may(Permission permission) {
    return AccessPolicy.STANDARD.allows(role, permission);
  }

  /** Whether a device may send a scan for {@code venue}: devices only for their own venue. */
  public boolean mayScanAt(String venue) {
    return role != Role.VENUE_DEVICE || (venueId != null && venueId.equals(venue));
  }

  /** Spring authorities: {@code ROLE_<role>}. */
  public List<GrantedAuthority> authorities() {
    return List.of(role.authority());
  }

  /**
   * The caller behind an authentication created by Cordon.
   *
   * @throws IllegalStateException if there is none, or it was not created by Cordon (tests should use
   *     {@code @WithCaller} rather than {@code @WithMockUser})
   */
  public static Caller of(Authentication authentication) {
    if (authentication != null && authentication.getPrincipal() instanceof Caller c
        && authentication.isAuthenticated()) {
      return c;
    }
    throw new IllegalStateException("request is not authenticated by Cordon: " + authentication);
  }
}
