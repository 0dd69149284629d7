package org.cordon.core.testing;

/**
 * Input a testing engine refuses; nothing of it was applied. {@link #reason()} is the stable code,
 * the message says what is wrong in words (naming the person, tube, site or time), and {@link #item()}
 * is the 0-based position in a batch ({@code -1} for a single input).
 */
public class TestingInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final RejectReason reason;
  private final int item;

  public TestingInputException(RejectReason reason, String message, int item) {
    super(item >= 0 ? "item " + (item + 1) + ": " + message : message);
    this.reason = reason;
    this.item = item;
  }

  /** Why the input was refused. */
  public RejectReason reason() {
    return reason;
  }

  /** 0-based position of the refused item in its batch, or {@code -1}. */
  public int item() {
    return item;
  }
}
