package org.cordon.server.healthcode;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem details for the health-code and resident controllers. */
@RestControllerAdvice(assignableTypes = {HealthCodeController.class, HealthCodePolicyController.class,
    ResidentController.class})
class HealthCodeProblems {

  @ExceptionHandler(HealthCodeProblem.class)
  ProblemDetail problem(HealthCodeProblem e, HttpServletRequest request) {
    return problem(e.status(), e.getMessage(), request);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badInput(IllegalArgumentException e, HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, e.getMessage(), request);
  }

  static ProblemDetail problem(HttpStatus status, String detail, HttpServletRequest request) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setInstance(URI.create(request.getRequestURI()));
    return p;
  }
}
