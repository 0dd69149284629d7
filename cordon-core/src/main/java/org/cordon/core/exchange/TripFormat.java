package org.cordon.core.exchange;

import java.util.List;
import org.cordon.core.presence.TripRide;

/**
 * {@code trips.csv}: {@code person_id,trip_id,seat_row,board_time,alight_time}; an empty
 * {@code seat_row} means unknown.
 */
public final class TripFormat implements RecordFormat<TripRide> {

  private static final List<Column> COLUMNS = List.of(new Column("person_id", true),
      new Column("trip_id", true), new Column("seat_row", true), new Column("board_time", true),
      new Column("alight_time", true));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public TripRide parse(String[] v) {
    return new TripRide(Values.positiveLong("person_id", v[0]), Values.required("trip_id", v[1]),
        Values.optionalInt("seat_row", v[2]), IsoTime.parse("board_time", v[3]),
        IsoTime.parse("alight_time", v[4]));
  }

  @Override
  public void append(TripRide t, StringBuilder out) {
    out.append(t.personId()).append(',');
    CsvWriter.appendField(t.tripId(), out);
    out.append(',');
    if (t.seatRow() != null) {
      out.append(t.seatRow().intValue());
    }
    out.append(',');
    IsoTime.append(t.boardTime(), out);
    out.append(',');
    IsoTime.append(t.alightTime(), out);
    out.append('\n');
  }
}
