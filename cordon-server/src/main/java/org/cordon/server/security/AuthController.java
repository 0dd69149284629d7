package org.cordon.server.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Console sign-in: {@code POST /api/auth/login}, {@code GET /api/auth/me} (logout is a filter). */
@RestController
@RequestMapping("/api/auth")
@Tag(name = "auth", description = "Console sign-in with a session cookie")
public class AuthController {

  /** Body of {@code POST /api/auth/login}. */
  public record Login(String username, String password) {
  }

  /** Who is signed in. {@code jurisdictionName} is absent when the division is unknown. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Me(String username, String displayName, Role role, String jurisdiction,
      String jurisdictionName) {
  }

  private final AuthenticationManager authentication;
  private final HttpSessionSecurityContextRepository sessions;
  private final DivisionNames names;

  public AuthController(AuthenticationManager authentication,
      HttpSessionSecurityContextRepository sessions, DivisionNames names) {
    this.authentication = authentication;
    this.sessions = sessions;
    this.names = names;
  }

  @PostMapping("/login")
  @Operation(summary = "Sign in; the answer sets the session cookie",
      description = "401 with a problem detail when the username or password is wrong.")
  public Me login(@RequestBody Login login, HttpServletRequest request,
      HttpServletResponse response) {
    if (login == null || login.username() == null || login.password() == null) {
      throw new IllegalArgumentException("login needs both username and password");
    }
    Authentication result = authentication.authenticate(
        UsernamePasswordAuthenticationToken.unauthenticated(login.username().strip(),
            login.password()));
    Caller caller = Caller.of(result);
    // A new session id on sign-in, so an id planted before sign-in (session fixation) is worthless.
    HttpSession existing = request.getSession(false);
    if (existing != null) {
      request.changeSessionId();
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(result);
    SecurityContextHolder.setContext(context);
    sessions.saveContext(context, request, response);
    return me(caller);
  }

  @GetMapping("/me")
  @Operation(summary = "The signed-in user (or the API token's identity)")
  public Me me(Caller caller) {
    return new Me(caller.name(), caller.displayName(), caller.role(), caller.jurisdiction().value(),
        names.nameOf(caller.jurisdiction()));
  }
}
