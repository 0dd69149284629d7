package org.cordon.server.followup;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a follow-up task stands. A task starts {@code open}; the community reaches the person
 * ({@code contacted}), puts them under isolation or health monitoring ({@code isolated}), and closes the
 * task when the regime ends. A task may be closed early from any state (e.g. the person was already
 * isolated elsewhere, or the contact was cleared), always with the note saying why; a closed task
 * stays closed, and no state goes back.
 */
public enum FollowUpStatus {
  OPEN, CONTACTED, ISOLATED, CLOSED;

  /** The states a task in this state may move to. */
  public Set<FollowUpStatus> next() {
    return switch (this) {
      case OPEN -> EnumSet.of(CONTACTED, ISOLATED, CLOSED);
      case CONTACTED -> EnumSet.of(ISOLATED, CLOSED);
      case ISOLATED -> EnumSet.of(CLOSED);
      case CLOSED -> EnumSet.noneOf(FollowUpStatus.class);
    };
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The status of a code such as {@code contacted}.
   *
   * @throws IllegalArgumentException naming the codes there are
   */
  public static FollowUpStatus of(String code) {
    if (code != null) {
      for (FollowUpStatus s : values()) {
        if (s.code().equals(code.strip().toLowerCase(Locale.ROOT))) {
          return s;
        }
      }
    }
    throw new IllegalArgumentException("unknown status '" + code
        + "'; expected open, contacted, isolated or closed");
  }
}
