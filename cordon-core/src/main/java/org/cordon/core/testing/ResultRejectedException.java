package org.cordon.core.testing;

/** A tube result refused by a {@link SamplingRound}: unknown tube, tube never sampled, still open, bad time. */
public final class ResultRejectedException extends TestingInputException {
  private static final long serialVersionUID = 1L;

  public ResultRejectedException(RejectReason reason, String message) {
    super(reason, message, -1);
  }

  public ResultRejectedException(RejectReason reason, String message, int item) {
    super(reason, message, item);
  }

  ResultRejectedException at(int index) {
    return new ResultRejectedException(reason(), getMessage(), index);
  }
}
