package org.cordon.core.person;

import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.GeoPoint;

/**
 * A resident. {@code personId} is the platform's own positive identifier; {@code homeDivision} is the
 * community (or the finest known division) of the home address; {@code phone} may be null.
 */
public record Person(long personId, long householdId, DivisionCode homeDivision,
    IdentityNumber idNumber, String name, String phone, GeoPoint home) {

  public Person {
    if (personId <= 0) {
      throw new IllegalArgumentException("person_id must be positive, got " + personId);
    }
    if (householdId <= 0) {
      throw new IllegalArgumentException("household_id must be positive, got " + householdId);
    }
    if (homeDivision == null || idNumber == null) {
      throw new IllegalArgumentException("home division and identity number are required");
    }
    if (name == null || name.isBlank() || name.length() > 64) {
      throw new IllegalArgumentException("name must be 1..64 characters");
    }
    if (phone != null && !phone.isEmpty() && !phone.matches("\\+?[0-9-]{5,20}")) {
      throw new IllegalArgumentException("phone '" + phone + "' is not a phone number");
    }
  }

  /** The phone masked for lists: first three and last four digits kept (e.g. 138****1234). */
  public String maskedPhone() {
    if (phone == null || phone.length() < 8) {
      return phone == null ? null : "****";
    }
    return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
  }
}
