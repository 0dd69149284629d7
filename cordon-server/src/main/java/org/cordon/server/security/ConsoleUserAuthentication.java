package org.cordon.server.security;

import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks a username and password against {@link ConsoleUsers} (for the login endpoint and HTTP Basic) and
 * yields an authentication whose principal is the user's {@link Caller}, without the password.
 */
public class ConsoleUserAuthentication implements AuthenticationProvider {

  private final ConsoleUsers users;
  private final PasswordEncoder encoder;
  /** Compared against when the user does not exist, so unknown names take as long as wrong passwords. */
  private final String decoyHash;

  public ConsoleUserAuthentication(ConsoleUsers users, PasswordEncoder encoder) {
    this.users = users;
    this.encoder = encoder;
    this.decoyHash = encoder.encode("decoy password for unknown users");
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String username = authentication.getName();
    Object credentials = authentication.getCredentials();
    String password = credentials == null ? "" : credentials.toString();
    Optional<ConsoleUser> user = username == null || !username.matches(ConsoleUser.USERNAME_PATTERN)
        ? Optional.empty() : users.find(username);
    if (user.isEmpty()) {
      encoder.matches(password, decoyHash);
      throw new BadCredentialsException("wrong username or password");
    }
    if (!encoder.matches(password, user.get().passwordHash())) {
      throw new BadCredentialsException("wrong username or password");
    }
    if (!user.get().enabled()) {
      throw new DisabledException("account " + username + " is disabled");
    }
    Caller caller = user.get().caller();
    return UsernamePasswordAuthenticationToken.authenticated(caller, null, caller.authorities());
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
