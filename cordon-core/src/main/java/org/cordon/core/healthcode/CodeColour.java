package org.cordon.core.healthcode;

import java.util.Locale;

/** A health code's colour; the declaration order is the severity order (GREEN least severe). */
public enum CodeColour {
  GREEN, YELLOW, RED;

  /** The lower-case form used in files and APIs, e.g. {@code red}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The more severe of this and {@code other}. */
  public CodeColour max(CodeColour other) {
    return other.ordinal() > ordinal() ? other : this;
  }

  /** The Chinese name shown to residents (绿码, 黄码, 红码). */
  public String nameZh() {
    return switch (this) {
      case GREEN -> "绿码";
      case YELLOW -> "黄码";
      case RED -> "红码";
    };
  }
}
