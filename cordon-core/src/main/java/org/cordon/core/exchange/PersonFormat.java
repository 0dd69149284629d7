package org.cordon.core.exchange;

import java.util.List;
import org.cordon.core.person.IdentityNumber;
import org.cordon.core.person.Person;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.GeoPoint;

/**
 * {@code persons.csv}: {@code person_id,household_id,home_division,id_number,name,phone,lat,lon}.
 * {@code phone} may be empty; {@code lat} and {@code lon} are both given or both empty.
 */
public final class PersonFormat implements RecordFormat<Person> {

  private static final List<Column> COLUMNS = List.of(new Column("person_id", true),
      new Column("household_id", true), new Column("home_division", true),
      new Column("id_number", true), new Column("name", true), new Column("phone", true),
      new Column("lat", true), new Column("lon", true));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Person parse(String[] v) {
    long personId = Values.positiveLong("person_id", v[0]);
    long householdId = Values.positiveLong("household_id", v[1]);
    DivisionCode division = division("home_division", v[2]);
    IdentityNumber id = IdentityNumber.of(Values.required("id_number", v[3]));
    String phone = v[5].isEmpty() ? null : v[5];
    return new Person(personId, householdId, division, id, v[4], phone, point(v[6], v[7]));
  }

  static DivisionCode division(String field, String text) {
    try {
      return DivisionCode.of(Values.required(field, text));
    } catch (RowException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new RowException(field + ": " + e.getMessage());
    }
  }

  static GeoPoint point(String lat, String lon) {
    Double la = Values.optionalDouble("lat", lat);
    Double lo = Values.optionalDouble("lon", lon);
    if (la == null && lo == null) {
      return null;
    }
    if (la == null || lo == null) {
      throw new RowException("lat and lon must both be given or both be empty");
    }
    return new GeoPoint(la, lo);
  }

  @Override
  public void append(Person p, StringBuilder out) {
    out.append(p.personId()).append(',').append(p.householdId()).append(',')
        .append(p.homeDivision().value()).append(',').append(p.idNumber().value()).append(',');
    CsvWriter.appendField(p.name(), out);
    out.append(',');
    if (p.phone() != null) {
      CsvWriter.appendField(p.phone(), out);
    }
    out.append(',');
    appendPoint(p.home(), out);
    out.append('\n');
  }

  static void appendPoint(GeoPoint g, StringBuilder out) {
    if (g != null) {
      out.append(g.lat()).append(',').append(g.lon());
    } else {
      out.append(',');
    }
  }
}
