package org.cordon.server.testing;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;

/**
 * Reads tube results from an HL7 FHIR R4 Bundle (type {@code transaction} or {@code collection}) of
 * DiagnosticReports and Observations, parsed strictly by HAPI FHIR (an unknown element, a bad value
 * or broken JSON/XML is an error, not skipped).
 *
 * <p>What a result looks like: an Observation coded LOINC {@value #SARS_COV_2_RNA} (SARS-CoV-2 RNA,
 * NAA with probe detection), status final, amended or corrected, interpretation {@code POS} or
 * {@code NEG} (or {@code IND}: invalid) from {@value #INTERPRETATION}, effectiveDateTime (or issued) as
 * the result time, and the tube barcode as the identifier of its specimen: {@code specimen.identifier},
 * or a Specimen entry of the bundle that the Observation or its DiagnosticReport references, with the
 * barcode in {@code accessionIdentifier} or {@code identifier}. The lab's name is the performer's
 * display, of the Observation or of its DiagnosticReport. Each DiagnosticReport's results must resolve
 * to Observations in the bundle. Other resources (Patient, Organization) are ignored.
 */
final class FhirResults {

  /** LOINC SARS-CoV-2 (COVID-19) RNA [Presence] in Respiratory system specimen by NAA with probe. */
  static final String SARS_COV_2_RNA = "94500-6";
  static final String LOINC = "http://loinc.org";
  static final String INTERPRETATION =
      "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

  /** One problem with a bundle, where FHIRPath {@code expression} points. */
  record Issue(OperationOutcome.IssueType type, String expression, String diagnostics) {
  }

  /** A bundle that cannot be taken: the HTTP status and the issues for the OperationOutcome. */
  static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final transient List<Issue> issues;

    Rejected(int status, List<Issue> issues) {
      super(issues.get(0).diagnostics());
      this.status = status;
      this.issues = List.copyOf(issues);
    }
  }

  // Building a FhirContext scans the model classes (about a second): one per JVM.
  private static final FhirContext R4 = FhirContext.forR4Cached();

  private FhirResults() {
  }

  static FhirContext context() {
    return R4;
  }

  /**
   * The results in {@code body} ({@code xml} or JSON); {@link LabResult#line()} is the entry index.
   *
   * @throws Rejected 400 with every issue found, for anything malformed or not a tube result
   */
  static List<LabResult> read(String body, boolean xml, Instant now) {
    IParser parser = (xml ? R4.newXmlParser() : R4.newJsonParser())
        .setParserErrorHandler(new StrictErrorHandler());
    Bundle bundle;
    try {
      bundle = parser.parseResource(Bundle.class, body);
    } catch (DataFormatException | ClassCastException e) {
      throw new Rejected(400, List.of(new Issue(OperationOutcome.IssueType.STRUCTURE, "Bundle",
          "not a valid FHIR R4 Bundle: " + e.getMessage())));
    }
    List<Issue> issues = new ArrayList<>();
    if (bundle.getType() != Bundle.BundleType.TRANSACTION
        && bundle.getType() != Bundle.BundleType.COLLECTION) {
      issues.add(new Issue(OperationOutcome.IssueType.INVALID, "Bundle.type", "Bundle.type is "
          + (bundle.getType() == null ? "missing" : bundle.getType().toCode())
          + "; expected transaction or collection"));
    }
    Map<String, Resource> byRef = new HashMap<>();
    Map<Observation, DiagnosticReport> reportOf = new HashMap<>();
    for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
      Resource r = e.getResource();
      if (r == null) {
        continue;
      }
      if (e.hasFullUrl()) {
        byRef.put(e.getFullUrl(), r);
      }
      if (r.hasIdElement() && r.getIdElement().hasIdPart()) {
        byRef.put(r.fhirType() + "/" + r.getIdElement().getIdPart(), r);
      }
    }
    for (int i = 0; i < bundle.getEntry().size(); i++) {
      if (bundle.getEntry().get(i).getResource() instanceof DiagnosticReport report) {
        for (int k = 0; k < report.getResult().size(); k++) {
          Resource target = byRef.get(report.getResult().get(k).getReference());
          if (target instanceof Observation o) {
            reportOf.put(o, report);
          } else {
            issues.add(new Issue(OperationOutcome.IssueType.NOTFOUND,
                "Bundle.entry[" + i + "].resource.result[" + k + "]", "DiagnosticReport result '"
                    + report.getResult().get(k).getReference() + "' is not an Observation of this bundle"));
          }
        }
      }
    }
    List<LabResult> results = new ArrayList<>();
    for (int i = 0; i < bundle.getEntry().size(); i++) {
      if (bundle.getEntry().get(i).getResource() instanceof Observation o) {
        String at = "Bundle.entry[" + i + "].resource";
        LabResult r = result(i, at, o, reportOf.get(o), byRef, now, issues);
        if (r != null) {
          results.add(r);
        }
      }
    }
    if (results.isEmpty() && issues.isEmpty()) {
      issues.add(new Issue(OperationOutcome.IssueType.REQUIRED, "Bundle.entry",
          "the bundle holds no Observation with LOINC " + SARS_COV_2_RNA));
    }
    if (!issues.isEmpty()) {
      throw new Rejected(400, issues);
    }
    return results;
  }

  private static LabResult result(int index, String at, Observation o, DiagnosticReport report,
      Map<String, Resource> byRef, Instant now, List<Issue> issues) {
    int before = issues.size();
    if (!coded(o.getCode(), LOINC, Set.of(SARS_COV_2_RNA))) {
      issues.add(new Issue(OperationOutcome.IssueType.CODEINVALID, at + ".code",
          "Observation code is not LOINC " + SARS_COV_2_RNA + " (SARS-CoV-2 RNA)"));
    }
    Observation.ObservationStatus status = o.getStatus();
    if (status != Observation.ObservationStatus.FINAL && status != Observation.ObservationStatus.AMENDED
        && status != Observation.ObservationStatus.CORRECTED) {
      issues.add(new Issue(OperationOutcome.IssueType.BUSINESSRULE, at + ".status", "Observation status "
          + (status == null ? "missing" : status.toCode()) + "; only final, amended or corrected"));
    }
    String outcome = null;
    for (CodeableConcept c : o.getInterpretation()) {
      for (Coding coding : c.getCoding()) {
        if (INTERPRETATION.equals(coding.getSystem()) && coding.getCode() != null) {
          outcome = switch (coding.getCode()) {
            case "POS" -> "positive";
            case "NEG" -> "negative";
            case "IND" -> "invalid";
            default -> outcome;
          };
        }
      }
    }
    if (outcome == null) {
      issues.add(new Issue(OperationOutcome.IssueType.REQUIRED, at + ".interpretation",
          "Observation has no interpretation POS, NEG or IND from " + INTERPRETATION));
    }
    Instant time = o.hasEffectiveDateTimeType() && o.getEffectiveDateTimeType().getValue() != null
        ? o.getEffectiveDateTimeType().getValue().toInstant()
        : o.getIssued() == null ? null : o.getIssued().toInstant();
    if (time == null) {
      issues.add(new Issue(OperationOutcome.IssueType.REQUIRED, at + ".effective",
          "Observation has no effectiveDateTime or issued: the result time"));
    } else if (time.isAfter(now)) {
      issues.add(new Issue(OperationOutcome.IssueType.BUSINESSRULE, at + ".effective",
          "result time " + time + " is in the future"));
    }
    String tube = tube(o.getSpecimen(), byRef);
    if (tube == null && report != null) {
      for (Reference s : report.getSpecimen()) {
        tube = tube == null ? tube(s, byRef) : tube;
      }
    }
    if (tube == null) {
      issues.add(new Issue(OperationOutcome.IssueType.REQUIRED, at + ".specimen",
          "no tube barcode: give the specimen's identifier (or a Specimen entry with one)"));
    } else if (!tube.matches("[A-Za-z0-9_.:-]{1,64}")) {
      issues.add(new Issue(OperationOutcome.IssueType.VALUE, at + ".specimen",
          "tube barcode '" + tube + "' is not 1..64 characters of [A-Za-z0-9_.:-]"));
    }
    if (issues.size() > before) {
      return null;
    }
    String lab = o.hasPerformer() && o.getPerformerFirstRep().hasDisplay()
        ? o.getPerformerFirstRep().getDisplay()
        : report != null && report.hasPerformer() && report.getPerformerFirstRep().hasDisplay()
            ? report.getPerformerFirstRep().getDisplay() : null;
    if (lab != null && lab.length() > 100) {
      lab = lab.substring(0, 100);
    }
    return new LabResult(index, tube, outcome, time, lab);
  }

  private static String tube(Reference ref, Map<String, Resource> byRef) {
    if (ref == null || ref.isEmpty()) {
      return null;
    }
    if (ref.hasIdentifier() && ref.getIdentifier().hasValue()) {
      return ref.getIdentifier().getValue().strip();
    }
    if (ref.hasReference() && byRef.get(ref.getReference()) instanceof Specimen s) {
      if (s.hasAccessionIdentifier() && s.getAccessionIdentifier().hasValue()) {
        return s.getAccessionIdentifier().getValue().strip();
      }
      for (Identifier id : s.getIdentifier()) {
        if (id.hasValue()) {
          return id.getValue().strip();
        }
      }
    }
    return null;
  }

  private static boolean coded(CodeableConcept c, String system, Set<String> codes) {
    return c != null && c.getCoding().stream()
        .anyMatch(x -> system.equals(x.getSystem()) && codes.contains(x.getCode()));
  }

  /** An OperationOutcome of {@code issues} with {@code severity}, as JSON. */
  static String outcome(OperationOutcome.IssueSeverity severity, List<Issue> issues) {
    OperationOutcome oo = new OperationOutcome();
    for (Issue i : issues) {
      oo.addIssue().setSeverity(severity).setCode(i.type()).setDiagnostics(i.diagnostics())
          .addExpression(i.expression());
    }
    return R4.newJsonParser().encodeResourceToString(oo);
  }
}
