package org.cordon.core.testing;

/** A tube opening, sample registration, closing or lab receipt refused by a {@link SamplingRound}. */
public final class SampleRejectedException extends TestingInputException {
  private static final long serialVersionUID = 1L;

  public SampleRejectedException(RejectReason reason, String message) {
    super(reason, message, -1);
  }

  public SampleRejectedException(RejectReason reason, String message, int item) {
    super(reason, message, item);
  }

  SampleRejectedException at(int index) {
    return new SampleRejectedException(reason(), getMessage(), index);
  }
}
