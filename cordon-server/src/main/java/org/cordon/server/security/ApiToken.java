package org.cordon.server.security;

import java.time.OffsetDateTime;
import org.cordon.core.place.DivisionCode;

/**
 * An API token as listed (never with its secret). {@code venueId} is set for device tokens only;
 * {@code revokedAt} is null while the token is valid.
 */
public record ApiToken(String id, String label, Role role, DivisionCode jurisdiction, String venueId,
    String createdBy, OffsetDateTime createdAt, OffsetDateTime revokedAt) {

  /** The caller a request bearing this token acts as. */
  public Caller caller() {
    return new Caller("token:" + id, label, role, jurisdiction, venueId);
  }
}
