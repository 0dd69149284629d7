package org.cordon.server.testing;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cordon.core.exchange.CsvReader;
import org.cordon.core.exchange.CsvRecord;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.place.Ids;

/**
 * Reads a lab's result upload: header {@code tube,result,result_time} with an optional fourth column
 * {@code lab}; one row per tube. Every bad row is reported with its line, so the lab fixes the file in
 * one go.
 */
final class LabResultCsv {

  static final List<String> COLUMNS = List.of("tube", "result", "result_time");

  private LabResultCsv() {
  }

  /**
   * Parses {@code in} into {@code results}, bad rows into {@code errors}; results after {@code now}
   * are bad rows.
   *
   * @throws TestingProblem 400 for an empty upload or a wrong header
   */
  static void read(InputStream in, Instant now, List<LabResult> results,
      List<BatchReport.RowError> errors) {
    CsvReader reader = new CsvReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    CsvRecord header = reader.next();
    if (header == null) {
      throw TestingProblem.badRequest("the upload is empty; expected the header line "
          + "tube,result,result_time[,lab]");
    }
    List<String> names = new ArrayList<>();
    for (String f : header.fields()) {
      names.add(f.strip().replace("\uFEFF", ""));
    }
    boolean withLab = names.size() == 4 && names.subList(0, 3).equals(COLUMNS)
        && names.get(3).equals("lab");
    if (!withLab && !names.equals(COLUMNS)) {
      throw TestingProblem.badRequest("line 1: header " + names + " is not tube,result,result_time[,lab]");
    }
    for (CsvRecord rec = reader.next(); rec != null; rec = reader.next()) {
      try {
        if (rec.error() != null) {
          throw new IllegalArgumentException(rec.error());
        }
        String[] f = rec.fields();
        if (f.length != names.size()) {
          throw new IllegalArgumentException("expected " + names.size() + " fields, got " + f.length);
        }
        String tube = Ids.requireToken("tube", f[0].strip(), 64);
        String result = LabResult.outcome(f[1]);
        Instant time = IsoTime.parse("result_time", f[2].strip());
        if (time.isAfter(now)) {
          throw new IllegalArgumentException("result_time " + f[2] + " is in the future");
        }
        String lab = withLab && !f[3].isBlank() ? f[3].strip() : null;
        if (lab != null && lab.length() > 100) {
          throw new IllegalArgumentException("lab is longer than 100 characters");
        }
        results.add(new LabResult(rec.line(), tube, result, time, lab));
      } catch (IllegalArgumentException e) {
        errors.add(new BatchReport.RowError(rec.line(), e.getMessage()));
      }
    }
  }
}
