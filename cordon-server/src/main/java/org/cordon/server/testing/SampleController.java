package org.cordon.server.testing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.cordon.server.security.Caller;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Collectors register samples and close tubes; labs mark tubes received and send results (CSV). */
@RestController
@RequestMapping("/api/testing")
@Tag(name = "testing")
public class SampleController {

  private final SampleRegistration registration;
  private final SampleRecords samples;
  private final ResultIntake results;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  SampleController(SampleRegistration registration, SampleRecords samples, ResultIntake results,
      ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
    this.registration = registration;
    this.samples = samples;
    this.results = results;
    this.events = events;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  @PostMapping(path = "/samples", consumes = "application/json")
  @Operation(summary = "Register one sample (scan of the person code or ID + the tube barcode)",
      description = "Body {campaignId, siteId, tube, personId | idNumber, sampledAt?, poolSize?}. 201 "
          + "with the tube's fill; 403 a site device at another site; 404 unknown campaign, site or "
          + "person; 409 person already sampled in the campaign, tube full / closed / resulted / of "
          + "another campaign or site, sample outside the campaign's window.")
  public ResponseEntity<SampleReceipt> register(@RequestBody(required = false) SampleRequest body,
      Caller caller) {
    return ResponseEntity.status(HttpStatus.CREATED).body(registration.register(caller, body));
  }

  @PostMapping(path = "/samples", consumes = "text/csv")
  @Operation(summary = "Register many samples from a CSV upload, all or none",
      description = "Header campaign,site,tube,person_id,sampled_at (sampled_at may be empty: now). "
          + "200 with the report when stored; 422 with every bad line and nothing stored.")
  public ResponseEntity<BatchReport> upload(HttpServletRequest request, Caller caller)
      throws IOException {
    BatchReport report = registration.upload(caller, request.getInputStream());
    return ResponseEntity.status(report.stored() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT)
        .body(report);
  }

  @PostMapping(path = "/tubes", consumes = "application/json")
  @Operation(summary = "Issue pre-printed empty tubes to a site for a campaign, all or none",
      description = "Body {campaignId, siteId, barcodes[], poolSize?}. 201 {issued}; 409 if a barcode "
          + "exists already.")
  public ResponseEntity<java.util.Map<String, Object>> issue(
      @RequestBody(required = false) TubeIssue body, Caller caller) {
    int n = registration.issue(caller, body);
    return ResponseEntity.status(HttpStatus.CREATED).body(java.util.Map.of("issued", n));
  }

  @PostMapping("/tubes/{barcode}/close")
  @Operation(summary = "Close a tube before it is full (the collector seals it); idempotent")
  public java.util.Map<String, Object> close(@PathVariable String barcode, Caller caller) {
    String[] info = tubeIn(caller, barcode);
    if (!caller.mayScanAt(info[1])) {
      throw new TestingProblem(HttpStatus.FORBIDDEN, "this device is bound to site " + caller.venueId()
          + ", not " + info[1]);
    }
    boolean changed = samples.close(barcode, clock.instant(), caller.name());
    if (changed) {
      events.publishEvent(new TestingDataChanged(info[0]));
    }
    return java.util.Map.of("tube", barcode, "closed", true, "changed", changed);
  }

  @PostMapping("/tubes/{barcode}/received")
  @Operation(summary = "The lab received a tube (turnaround: sampled → received → resulted); idempotent")
  public java.util.Map<String, Object> received(@PathVariable String barcode, Caller caller) {
    tubeIn(caller, barcode);
    boolean changed = samples.receive(barcode, clock.instant());
    return java.util.Map.of("tube", barcode, "received", true, "changed", changed);
  }

  @PostMapping(path = "/results", consumes = "text/csv")
  @Operation(summary = "Lab results as CSV, all or none",
      description = "Header tube,result,result_time[,lab]; result positive|negative|invalid (POS/NEG, "
          + "阳性/阴性). 200 with what was applied, recalled and confirmed; 422 with every bad line "
          + "(unknown tube, tube never sampled, result before sampling, bad value) and nothing stored.")
  public ResponseEntity<ResultReport> results(HttpServletRequest request, Caller caller)
      throws IOException {
    List<LabResult> parsed = new ArrayList<>();
    List<BatchReport.RowError> errors = new ArrayList<>();
    LabResultCsv.read(request.getInputStream(), clock.instant(), parsed, errors);
    if (!errors.isEmpty()) {
      return ResponseEntity.unprocessableContent().body(new ResultReport(parsed.size() + errors.size(),
          0, 0, 0, 0, List.of(), SampleRegistration.capped(errors), false));
    }
    ResultReport report = results.apply(caller, parsed, "csv");
    return ResponseEntity.status(report.stored() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT)
        .body(report);
  }

  private String[] tubeIn(Caller caller, String barcode) {
    return samples.tubeInfo(barcode).filter(t -> caller.scope().contains(t[2]))
        .orElseThrow(() -> TestingProblem.notFound("unknown tube " + barcode));
  }
}
