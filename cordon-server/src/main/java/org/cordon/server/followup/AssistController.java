package org.cordon.server.followup;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.cordon.core.exchange.ExchangeFormatException;
import org.cordon.core.exchange.ExchangeSyntax;
import org.cordon.core.exchange.IsoTime;
import org.cordon.server.security.Caller;
import org.cordon.server.security.Paging;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Assist requests (协查) with other instances: list, export as a file, import another's file. */
@RestController
@RequestMapping("/api/assist-requests")
@Tag(name = "assist-requests", description = "Contacts living outside this deployment's jurisdiction, "
    + "sent to the instance in charge there as an NDJSON file (format cordon-assist/1); files from "
    + "other instances imported as follow-up tasks. Audited both ways.")
public class AssistController {
  private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
      .withZone(ZoneOffset.ofHours(8));

  private final AssistExchange exchange;

  AssistController(AssistExchange exchange) {
    this.exchange = exchange;
  }

  @GetMapping
  @Operation(summary = "Assist requests of the caller's jurisdiction, newest first",
      description = "direction: outgoing (default; contacts of local cases living elsewhere) or "
          + "incoming (imported). Masked per role as in /api/persons.")
  public Map<String, Object> list(@RequestParam(required = false) String direction,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
      Caller caller) {
    return exchange.list(caller, direction, new Paging(page, size));
  }

  @GetMapping("/export")
  @Operation(summary = "Outgoing requests as a cordon-assist/1 NDJSON file",
      description = "since: ISO-8601 time with offset; only requests created at or after it (default "
          + "all). Full identity numbers: the receiving instance matches persons by them. One audit row "
          + "(assist.export) per person in the file, written before the first byte.")
  public void export(@RequestParam(required = false) String since, Caller caller,
      HttpServletRequest request, HttpServletResponse response) throws IOException {
    Instant from = since == null || since.isBlank() ? null : IsoTime.parse("since", since);
    response.setContentType("application/x-ndjson;charset=UTF-8");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"assist-"
        + exchange.instanceId() + "-" + FILE_STAMP.format(Instant.now()) + ".ndjson\"");
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    exchange.export(caller, from, request, response.getOutputStream());
  }

  @PostMapping("/import")
  @Operation(summary = "Import another instance's assist request file",
      description = "Body: the file as exported (application/x-ndjson; text/csv with the same header "
          + "also reads). 200 with {lines, accepted, duplicates, skipped, personsCreated, errors, stored}; "
          + "422 with the same report listing every bad line (number and reason) when a line is bad, "
          + "and then nothing is stored. Re-importing a file stores nothing new.")
  public ResponseEntity<AssistImportReport> importFile(
      @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
      Caller caller, HttpServletRequest request) throws IOException {
    ExchangeSyntax syntax = contentType != null && contentType.startsWith("text/csv")
        ? ExchangeSyntax.CSV : ExchangeSyntax.NDJSON;
    AssistImportReport report = exchange.importFile(caller, syntax, request.getInputStream(), request);
    return ResponseEntity.status(report.stored() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT)
        .body(report);
  }

  @ExceptionHandler(ExchangeFormatException.class)
  ResponseEntity<ProblemDetail> unreadable(ExchangeFormatException e, HttpServletRequest request) {
    ResponseEntity<ProblemDetail> r = TaskController.problem(HttpStatus.UNPROCESSABLE_CONTENT,
        "line " + e.line() + ": " + e.reason(), request);
    r.getBody().setProperty("line", e.line());
    return r;
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ProblemDetail> badInput(IllegalArgumentException e, HttpServletRequest request) {
    return TaskController.problem(HttpStatus.BAD_REQUEST, e.getMessage(), request);
  }
}
