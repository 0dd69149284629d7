package org.cordon.server.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * 400 for bad input to the security, person and dashboard controllers: their values (division codes,
 * roles, usernames) reject bad input with an {@link IllegalArgumentException} that says what is wrong.
 */
@RestControllerAdvice(basePackages = {"org.cordon.server.security", "org.cordon.server.person",
    "org.cordon.server.dashboard"})
public class RequestProblems {

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badInput(IllegalArgumentException e, HttpServletRequest request) {
    return SecurityProblems.problem(HttpStatus.BAD_REQUEST, e.getMessage(), request);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail badParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    return SecurityProblems.problem(HttpStatus.BAD_REQUEST,
        "parameter '" + e.getName() + "' has an invalid value '" + e.getValue() + "'", request);
  }
}
