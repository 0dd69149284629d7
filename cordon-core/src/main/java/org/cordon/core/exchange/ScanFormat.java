package org.cordon.core.exchange;

import java.time.Instant;
import java.util.List;
import org.cordon.core.presence.VenueScan;

/**
 * {@code scans.csv}: {@code person_id,venue_id,time[,exit_time]}. The {@code exit_time} column may be
 * left out of the header; an empty exit time means unknown. Written always with four columns.
 */
public final class ScanFormat implements RecordFormat<VenueScan> {

  private static final List<Column> COLUMNS = List.of(new Column("person_id", true),
      new Column("venue_id", true), new Column("time", true), new Column("exit_time", false));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public VenueScan parse(String[] v) {
    long personId = Values.positiveLong("person_id", v[0]);
    Instant time = IsoTime.parse("time", v[2]);
    Instant exit = v[3].isEmpty() ? null : IsoTime.parse("exit_time", v[3]);
    return new VenueScan(personId, Values.required("venue_id", v[1]), time, exit);
  }

  @Override
  public void append(VenueScan s, StringBuilder out) {
    out.append(s.personId()).append(',');
    CsvWriter.appendField(s.venueId(), out);
    out.append(',');
    IsoTime.append(s.time(), out);
    out.append(',');
    if (s.exitTime() != null) {
      IsoTime.append(s.exitTime(), out);
    }
    out.append('\n');
  }
}
