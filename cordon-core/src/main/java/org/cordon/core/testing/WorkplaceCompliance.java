package org.cordon.core.testing;

/**
 * Compliance of one workplace's key-group members at one moment.
 *
 * @param workplaceId the workplace ({@code null} groups members without one)
 * @param members memberships counted (a person in two groups counts twice)
 * @param compliant of those, compliant
 */
public record WorkplaceCompliance(String workplaceId, int members, int compliant) {

  /** Members not compliant. */
  public int overdue() {
    return members - compliant;
  }
}
