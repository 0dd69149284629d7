package org.cordon.core.exchange;

import java.util.List;
import org.cordon.core.place.ContactClass;
import org.cordon.core.place.GeoPoint;
import org.cordon.core.place.Venue;
import org.cordon.core.place.VenueKind;

/**
 * {@code venues.csv}: {@code venue_id,name,kind,division,lat,lon,dwell_minutes,contact_class}. An
 * empty {@code dwell_minutes} or {@code contact_class} takes the kind's default; {@code lat} and
 * {@code lon} are both given or both empty.
 */
public final class VenueFormat implements RecordFormat<Venue> {

  private static final List<Column> COLUMNS = List.of(new Column("venue_id", true),
      new Column("name", true), new Column("kind", true), new Column("division", true),
      new Column("lat", true), new Column("lon", true), new Column("dwell_minutes", true),
      new Column("contact_class", true));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Venue parse(String[] v) {
    VenueKind kind = VenueKind.of(Values.required("kind", v[2]));
    GeoPoint location = PersonFormat.point(v[4], v[5]);
    Integer dwell = Values.optionalInt("dwell_minutes", v[6]);
    ContactClass contact = v[7].isEmpty() ? kind.defaultContactClass() : ContactClass.of(v[7]);
    return new Venue(v[0], v[1], kind, PersonFormat.division("division", v[3]), location,
        dwell == null ? kind.defaultDwellMinutes() : dwell, contact);
  }

  @Override
  public void append(Venue r, StringBuilder out) {
    CsvWriter.appendField(r.venueId(), out);
    out.append(',');
    CsvWriter.appendField(r.name(), out);
    out.append(',').append(r.kind().code()).append(',').append(r.division().value()).append(',');
    PersonFormat.appendPoint(r.location(), out);
    out.append(',').append(r.dwellMinutes()).append(',').append(r.contactClass().code()).append('\n');
  }
}
