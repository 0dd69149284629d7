package org.cordon.server.testing;

import java.util.List;

/**
 * What a batch of lab results did: all of it was stored, or (with {@code errors}) none of it.
 *
 * @param results results in the batch
 * @param applied results stored as new (first results and corrections)
 * @param duplicates results identical to the stored one (a re-send), changing nothing
 * @param corrected results that superseded a different earlier result of the tube
 * @param recalled persons newly recalled for a single-tube retest (members of positive pools)
 * @param cases persons whose positive single-tube result confirmed a case, with the case id or why not
 * @param errors the refused results (nothing stored when there is one)
 */
public record ResultReport(int results, int applied, int duplicates, int corrected, int recalled,
    List<CaseOutcome> cases, List<BatchReport.RowError> errors, boolean stored) {

  /** A case a positive single-tube result asked for: {@code caseId} or {@code problem}. */
  public record CaseOutcome(long personId, Long caseId, String problem) {
  }
}
