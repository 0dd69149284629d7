package org.cordon.server.intake;

import java.io.UncheckedIOException;
import java.net.URI;
import org.cordon.core.exchange.ExchangeFormatException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 9457 problem details for intake's failures. */
@RestControllerAdvice(assignableTypes = IntakeController.class)
class IntakeProblems {

  @ExceptionHandler(IntakeController.UnknownKindException.class)
  ProblemDetail unknownKind(IntakeController.UnknownKindException e) {
    return problem(HttpStatus.NOT_FOUND, "Unknown record kind", e.getMessage());
  }

  @ExceptionHandler(ExchangeFormatException.class)
  ProblemDetail unreadable(ExchangeFormatException e) {
    ProblemDetail p = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Upload cannot be read; nothing stored",
        e.getMessage());
    p.setProperty("line", e.line());
    return p;
  }

  @ExceptionHandler(RejectedEventException.class)
  ProblemDetail rejected(RejectedEventException e) {
    return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Event rejected", e.getMessage());
  }

  @ExceptionHandler(UncheckedIOException.class)
  ProblemDetail brokenOff(UncheckedIOException e) {
    return problem(HttpStatus.BAD_REQUEST, "Upload broke off; nothing stored", e.getMessage());
  }

  @ExceptionHandler(DataIntegrityViolationException.class)
  ProblemDetail conflict(DataIntegrityViolationException e) {
    return problem(HttpStatus.CONFLICT, "Conflicts with data stored meanwhile; nothing stored",
        "another upload stored conflicting rows at the same time; send again to see which rows conflict");
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setTitle(title);
    p.setType(URI.create("about:blank"));
    return p;
  }
}
