package org.cordon.server.testing;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /api/testing/key-groups/compliance}: the core's {@code KeyGroupCompliance} over
 * the register and the stored tests (PCR samples of every campaign, antigen tests), at {@code asOf}.
 *
 * @param workplaces per workplace (members without one last, id null)
 * @param persons every membership, overdue first
 * @param overdue persons overdue in some group, with the earliest moment they have been overdue since
 */
public record KeyGroupComplianceView(OffsetDateTime asOf, String group, String workplace,
    List<Workplace> workplaces, List<Member> persons, List<Overdue> overdue) {

  /** One workplace: memberships counted, compliant, overdue. */
  public record Workplace(String workplaceId, String workplaceName, int members, int compliant,
      int overdue) {
  }

  /** One membership's compliance: tests taken in the window ending at asOf against the quota. */
  public record Member(long personId, String name, String homeDivision, String idNumber, String phone,
      String group, String schedule, String workplaceId, String workplaceName, boolean compliant,
      Map<String, Integer> taken, Map<String, Integer> required, OffsetDateTime overdueSince) {
  }

  /** An overdue person (the health-code rule's input). */
  public record Overdue(long personId, String name, String homeDivision, String idNumber, String phone,
      OffsetDateTime since) {
  }
}
