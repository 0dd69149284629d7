package org.cordon.server.testing;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Problem details for the testing controllers (the FHIR endpoint answers OperationOutcomes itself). */
@RestControllerAdvice(assignableTypes = {CampaignController.class, SampleController.class,
    TestingBoardController.class, KeyGroupController.class})
class TestingProblems {

  @ExceptionHandler(TestingProblem.class)
  ResponseEntity<ProblemDetail> problem(TestingProblem e, HttpServletRequest request) {
    return problem(e.status(), e.getMessage(), request);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ProblemDetail> badInput(IllegalArgumentException e, HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, e.getMessage(), request);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e,
      HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, "parameter '" + e.getName() + "' has an invalid value '"
        + e.getValue() + "'", request);
  }

  @ExceptionHandler(DuplicateKeyException.class)
  ResponseEntity<ProblemDetail> raced(DuplicateKeyException e, HttpServletRequest request) {
    return problem(HttpStatus.CONFLICT, "another request stored the same sample or tube at the same "
        + "time; nothing of this one was stored, send it again", request);
  }

  static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail,
      HttpServletRequest request) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setInstance(URI.create(request.getRequestURI()));
    return ResponseEntity.status(status).body(p);
  }
}
