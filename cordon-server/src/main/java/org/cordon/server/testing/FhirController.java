package org.cordon.server.testing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import org.cordon.server.security.Caller;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lab results over HL7 FHIR R4: {@code POST /api/fhir/Bundle} with a transaction or collection Bundle
 * (see {@link FhirResults} for what it must hold). Answers are OperationOutcomes
 * ({@code application/fhir+json}): 200 information with what was applied; 400 for a malformed bundle or
 * entry, 422 for results the store refuses (unknown tube, tube never sampled); nothing is stored
 * unless everything is.
 */
@RestController
@RequestMapping("/api/fhir")
@Tag(name = "fhir", description = "Lab results as HL7 FHIR R4 bundles (LAB)")
public class FhirController {

  static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json;charset=UTF-8");

  private final ResultIntake results;
  private final Clock clock;

  FhirController(ResultIntake results, ObjectProvider<Clock> clock) {
    this.results = results;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  @PostMapping(path = "/Bundle", consumes = {"application/fhir+json", "application/json",
      "application/fhir+xml", "application/xml"})
  @Operation(summary = "Tube results as a FHIR R4 Bundle of DiagnosticReport + Observation",
      description = "Observation: LOINC 94500-6, interpretation POS/NEG/IND, effectiveDateTime, the tube "
          + "barcode as the specimen identifier. Answers an OperationOutcome.")
  public ResponseEntity<String> bundle(@RequestBody(required = false) String body,
      @RequestHeader(name = "Content-Type", required = false) String contentType, Caller caller) {
    if (body == null || body.isBlank()) {
      return answer(400, OperationOutcome.IssueSeverity.ERROR, List.of(new FhirResults.Issue(
          OperationOutcome.IssueType.REQUIRED, "Bundle", "the request has no body")));
    }
    boolean xml = contentType != null && contentType.contains("xml");
    List<LabResult> parsed;
    try {
      parsed = FhirResults.read(body, xml, clock.instant());
    } catch (FhirResults.Rejected e) {
      return answer(e.status, OperationOutcome.IssueSeverity.ERROR, e.issues);
    }
    ResultReport report = results.apply(caller, parsed, "fhir");
    if (!report.stored()) {
      return answer(422, OperationOutcome.IssueSeverity.ERROR, report.errors().stream()
          .map(x -> new FhirResults.Issue(x.reason().startsWith("unknown tube")
              ? OperationOutcome.IssueType.NOTFOUND : OperationOutcome.IssueType.BUSINESSRULE,
              "Bundle.entry[" + x.line() + "].resource", x.reason()))
          .toList());
    }
    String summary = "stored: " + report.results() + " results, " + report.applied() + " applied, "
        + report.duplicates() + " duplicates, " + report.corrected() + " corrections, "
        + report.recalled() + " persons recalled, " + report.cases().stream()
            .filter(c -> c.caseId() != null).count() + " cases confirmed";
    return answer(200, OperationOutcome.IssueSeverity.INFORMATION, List.of(new FhirResults.Issue(
        OperationOutcome.IssueType.INFORMATIONAL, "Bundle", summary)));
  }

  private static ResponseEntity<String> answer(int status, OperationOutcome.IssueSeverity severity,
      List<FhirResults.Issue> issues) {
    return ResponseEntity.status(status).contentType(FHIR_JSON)
        .body(FhirResults.outcome(severity, issues));
  }
}
