package org.cordon.core.exchange;

import java.util.List;
import org.cordon.core.presence.Dwell;

/** {@code dwells.csv}: {@code person_id,cell_id,start_time,end_time}. */
public final class DwellFormat implements RecordFormat<Dwell> {

  private static final List<Column> COLUMNS = List.of(new Column("person_id", true),
      new Column("cell_id", true), new Column("start_time", true), new Column("end_time", true));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Dwell parse(String[] v) {
    return new Dwell(Values.positiveLong("person_id", v[0]), Values.required("cell_id", v[1]),
        IsoTime.parse("start_time", v[2]), IsoTime.parse("end_time", v[3]));
  }

  @Override
  public void append(Dwell d, StringBuilder out) {
    out.append(d.personId()).append(',');
    CsvWriter.appendField(d.cellId(), out);
    out.append(',');
    IsoTime.append(d.start(), out);
    out.append(',');
    IsoTime.append(d.end(), out);
    out.append('\n');
  }
}
