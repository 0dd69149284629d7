package org.cordon.server.checkpoint;

/** A check that could not be made durable in time: answered 503, not acknowledged, safe to retry. */
class CheckpointUnavailable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CheckpointUnavailable(String reason) {
    super(reason);
  }
}
