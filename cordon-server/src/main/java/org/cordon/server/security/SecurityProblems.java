package org.cordon.server.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problem details for the security exceptions any controller may raise: a division outside the caller's
 * jurisdiction (403 with the reason) and failed sign-in (401).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SecurityProblems {

  @ExceptionHandler(OutsideJurisdictionException.class)
  ProblemDetail outside(OutsideJurisdictionException e, HttpServletRequest request) {
    return problem(HttpStatus.FORBIDDEN, e.getMessage(), request);
  }

  @ExceptionHandler(AuthenticationException.class)
  ProblemDetail unauthenticated(AuthenticationException e, HttpServletRequest request) {
    return problem(HttpStatus.UNAUTHORIZED, e.getMessage(), request);
  }

  static ProblemDetail problem(HttpStatus status, String detail, HttpServletRequest request) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setInstance(URI.create(request.getRequestURI()));
    return p;
  }
}
