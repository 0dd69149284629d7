package org.cordon.core.tracing;

import java.util.List;
import java.util.Locale;
import org.cordon.core.exchange.Column;
import org.cordon.core.exchange.CsvWriter;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.exchange.RecordFormat;
import org.cordon.core.exchange.RowException;

/**
 * The contact list: {@code person_id,category,source_person_id,via,place,first_exposure,last_exposure}
 * with category {@code close, secondary, key, companion}, via {@code household, venue, trip, cell}, and
 * times as {@link IsoTime} writes them ({@code +08:00}).
 */
public final class ContactFormat implements RecordFormat<TracedContact> {
  public static final ContactFormat INSTANCE = new ContactFormat();

  private static final List<Column> COLUMNS = List.of(new Column("person_id", true),
      new Column("category", true), new Column("source_person_id", true), new Column("via", true),
      new Column("place", true), new Column("first_exposure", true),
      new Column("last_exposure", true));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public TracedContact parse(String[] v) {
    try {
      return new TracedContact(Long.parseLong(v[0]),
          ContactCategory.valueOf(v[1].toUpperCase(Locale.ROOT)), Long.parseLong(v[2]),
          ContactTrack.valueOf(v[3].toUpperCase(Locale.ROOT)), v[4],
          IsoTime.parse("first_exposure", v[5]), IsoTime.parse("last_exposure", v[6]));
    } catch (IllegalArgumentException e) {
      throw new RowException(e.getMessage());
    }
  }

  @Override
  public void append(TracedContact c, StringBuilder out) {
    out.append(c.personId()).append(',').append(c.category().code()).append(',')
        .append(c.sourcePersonId()).append(',').append(c.track().code()).append(',');
    CsvWriter.appendField(c.place(), out);
    out.append(',');
    IsoTime.append(c.firstExposure(), out);
    out.append(',');
    IsoTime.append(c.lastExposure(), out);
    out.append('\n');
  }
}
