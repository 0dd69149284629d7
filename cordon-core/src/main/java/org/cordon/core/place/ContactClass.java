package org.cordon.core.place;

import java.util.Locale;

/**
 * How sharing a venue's space with a case exposes a person: {@code CLOSE} where sharing the room makes a
 * close contact (a home, an office, a restaurant table), {@code KEY} for large spaces whose visitors are
 * same-time-space key persons (a mall, a station hall).
 */
public enum ContactClass {
  CLOSE, KEY;

  /** The lower-case form used in files and APIs. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ContactClass of(String code) {
    for (ContactClass c : values()) {
      if (c.code().equals(code)) {
        return c;
      }
    }
    throw new IllegalArgumentException("contact class must be 'close' or 'key', got '" + code + "'");
  }
}
