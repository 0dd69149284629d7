package org.cordon.server.person;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.cordon.core.person.Person;

/**
 * A person as shown to one caller. {@code idNumber} and {@code phone} are masked
 * ({@code 1401**********1234}, {@code 138****1234}) unless the caller's role may see them in full;
 * {@code idNumberMasked} and {@code phoneMasked} say which.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonView(long id, long householdId, String homeDivision, String homeDivisionName,
    String idNumber, boolean idNumberMasked, String name, String phone, boolean phoneMasked,
    Double lat, Double lon) {

  /** The view of {@code p} with the masking the flags ask for. */
  static PersonView of(Person p, String homeDivisionName, boolean fullIdNumber, boolean fullPhone) {
    return new PersonView(p.personId(), p.householdId(), p.homeDivision().value(), homeDivisionName,
        fullIdNumber ? p.idNumber().value() : p.idNumber().masked(), !fullIdNumber, p.name(),
        fullPhone ? p.phone() : p.maskedPhone(), !fullPhone,
        p.home() == null ? null : p.home().lat(), p.home() == null ? null : p.home().lon());
  }
}
