package org.cordon.server.intake;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.cordon.core.exchange.ExchangeSyntax;
import org.cordon.core.exchange.FlatJson;
import org.cordon.core.exchange.RecordKind;
import org.cordon.server.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Bulk uploads and single events over HTTP; see {@link IntakeManagement} for the rules. */
@RestController
@RequestMapping("/api/intake")
@Tag(name = "Intake", description = "Persons, venues, venue scans, trip rides and dwells in: bulk CSV/NDJSON and single events")
class IntakeController {

  static final String NDJSON = "application/x-ndjson";
  static final String NDJSON_ALT = "application/ndjson";
  static final String CSV = "text/csv";

  private final IntakeManagement intake;

  IntakeController(IntakeManagement intake) {
    this.intake = intake;
  }

  @Operation(summary = "Upload a file of one kind (streamed; millions of rows)",
      description = "Body: CSV with a header line (columns as in the exchange files, e.g. scans: "
          + "person_id,venue_id,time[,exit_time]) or NDJSON (one flat JSON object a line, same snake_case "
          + "field names). Times are ISO-8601; without offset they are Asia/Shanghai local time. "
          + "Strict by default: any bad row and nothing is stored (422 with the report). With "
          + "partial=true good rows are stored and bad rows reported (200). Answered after commit. "
          + "Rows identical to stored ones count as duplicates. Rows outside the caller's jurisdiction "
          + "are bad rows: a person whose home_division, a venue whose division, a scan at a venue "
          + "whose division lies outside it.",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = {
          @Content(mediaType = CSV, examples = @ExampleObject(name = "scans", value =
              "person_id,venue_id,time,exit_time\n1001,V140105-0001,2022-03-01T08:15:00+08:00,\n")),
          @Content(mediaType = NDJSON, examples = @ExampleObject(name = "scans", value =
              "{\"person_id\":1001,\"venue_id\":\"V140105-0001\",\"time\":\"2022-03-01T08:15:00+08:00\"}\n"))}),
      responses = {
          @ApiResponse(responseCode = "200", description = "Stored (all rows, or the good rows with partial=true)"),
          @ApiResponse(responseCode = "422", description = "Strict upload with bad rows (report body, nothing "
              + "stored), or a bad header (problem details)")})
  @PostMapping(path = "/{kind}", consumes = {CSV, NDJSON, NDJSON_ALT})
  ResponseEntity<IntakeReport> upload(
      @Parameter(description = "persons, venues, scans, trips or dwells") @PathVariable String kind,
      @Parameter(description = "store the good rows and report the bad ones")
      @RequestParam(defaultValue = "false") boolean partial,
      HttpServletRequest request, Caller caller) throws IOException {
    RecordKind k = kindOf(kind);
    MediaType type = MediaType.parseMediaType(request.getContentType());
    ExchangeSyntax syntax = type.getSubtype().endsWith("ndjson") ? ExchangeSyntax.NDJSON : ExchangeSyntax.CSV;
    Charset charset = type.getCharset() != null ? type.getCharset() : StandardCharsets.UTF_8;
    IntakeReport report = intake.ingest(k, syntax, request.getInputStream(), charset, partial,
        IntakeScope.of(caller));
    return ResponseEntity.status(report.stored() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT)
        .body(report);
  }

  @Operation(summary = "Send one event",
      description = "A flat JSON object with the snake_case fields of the kind's CSV columns (e.g. a scan: "
          + "person_id, venue_id, time, exit_time) and an optional clientEventId (up to 64 characters "
          + "of [A-Za-z0-9_.:-]). A re-send with the same clientEventId, or an event identical to a "
          + "stored one, answers 200 with duplicate=true and stores nothing. An event outside the "
          + "caller's jurisdiction (as for uploads) is a bad event.",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
          mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object"),
          examples = @ExampleObject(name = "scan", value = "{\"clientEventId\":\"dev-17-000123\","
              + "\"person_id\":1001,\"venue_id\":\"V140105-0001\",\"time\":\"2022-03-01T08:15:00+08:00\"}"))),
      responses = {
          @ApiResponse(responseCode = "200", description = "Stored, or a duplicate"),
          @ApiResponse(responseCode = "422", description = "Bad event (problem details say why)")})
  @PostMapping(path = "/{kind}/events", consumes = MediaType.APPLICATION_JSON_VALUE)
  EventReceipt event(@PathVariable String kind, @RequestBody String body, Caller caller) {
    RecordKind k = kindOf(kind);
    java.util.Map<String, String> fields;
    try {
      fields = FlatJson.parseObject(body);
    } catch (IllegalArgumentException e) {
      throw new RejectedEventException(e.getMessage());
    }
    return intake.ingestEvent(k, fields, IntakeScope.of(caller));
  }

  private static RecordKind kindOf(String kind) {
    try {
      return RecordKind.of(kind);
    } catch (IllegalArgumentException e) {
      throw new UnknownKindException(e.getMessage());
    }
  }

  /** A path naming no record kind. */
  static final class UnknownKindException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownKindException(String message) {
      super(message);
    }
  }
}
