package org.cordon.server.testing;

import java.time.Instant;
import java.util.List;

/**
 * Published inside the transaction that stores antigen tests (self-reported or recorded by a community
 * worker), so listeners act after its commit: the health codes record each positive or negative test as
 * an antigen test of the person (the policy says whether a negative one counts for a key group, and what
 * colour a positive one gives until a PCR says otherwise). Invalid tests say nothing and are not told.
 *
 * @param tests the positive and negative tests stored
 */
public record AntigenTestsRecorded(List<Test> tests) {

  public AntigenTestsRecorded {
    tests = List.copyOf(tests);
  }

  /** One person's antigen test. */
  public record Test(long personId, Instant testedAt, boolean positive) {
  }
}
