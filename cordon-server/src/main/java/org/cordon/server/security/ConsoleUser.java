package org.cordon.server.security;

import org.cordon.core.place.DivisionCode;

/**
 * A console account as stored: {@code passwordHash} is in the delegating encoder's format
 * ({@code {bcrypt}...}).
 */
public record ConsoleUser(String username, String displayName, String passwordHash, Role role,
    DivisionCode jurisdiction, boolean enabled) {

  /** Usernames: 1..64 of {@code [a-z0-9_.-]}, so they are safe in logs and audit rows. */
  public static final String USERNAME_PATTERN = "[a-z0-9_.-]{1,64}";

  public ConsoleUser {
    if (username == null || !username.matches(USERNAME_PATTERN)) {
      throw new IllegalArgumentException("username '" + username + "' must be 1..64 of [a-z0-9_.-]");
    }
    if (displayName == null || displayName.isBlank() || displayName.length() > 128) {
      throw new IllegalArgumentException("display name must be 1..128 characters");
    }
    if (passwordHash == null || passwordHash.isEmpty()) {
      throw new IllegalArgumentException("password hash is missing");
    }
    if (role == null || jurisdiction == null) {
      throw new IllegalArgumentException("role and jurisdiction are required");
    }
  }

  /** The caller this account becomes once signed in. */
  public Caller caller() {
    return new Caller(username, displayName, role, jurisdiction, null);
  }
}
