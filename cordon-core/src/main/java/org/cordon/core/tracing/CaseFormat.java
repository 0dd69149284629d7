package org.cordon.core.tracing;

import java.time.Instant;
import java.util.List;
import org.cordon.core.exchange.Column;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.exchange.RecordFormat;
import org.cordon.core.exchange.RowException;

/**
 * {@code cases.csv}: {@code person_id,onset_time[,isolated_time]}. The {@code isolated_time} column
 * may be left out of the header; an empty value means not isolated. Times are ISO-8601 as in every
 * exchange file ({@link IsoTime}); the isolated time must not be before the onset minus 60 days (a
 * typo guard, not a rule of tracing).
 */
public final class CaseFormat implements RecordFormat<TracingCase> {
  public static final CaseFormat INSTANCE = new CaseFormat();

  private static final List<Column> COLUMNS = List.of(new Column("person_id", true),
      new Column("onset_time", true), new Column("isolated_time", false));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public TracingCase parse(String[] v) {
    long personId = personId(v[0]);
    Instant onset = IsoTime.parse("onset_time", v[1]);
    Instant isolated = v[2].isEmpty() ? null : IsoTime.parse("isolated_time", v[2]);
    if (isolated != null && isolated.isBefore(onset.minusSeconds(60L * 86_400))) {
      throw new RowException("isolated_time " + v[2] + " is more than 60 days before onset_time "
          + v[1]);
    }
    return new TracingCase(personId, onset, isolated);
  }

  private static long personId(String text) {
    if (!text.matches("[0-9]{1,18}") || Long.parseLong(text) <= 0) {
      throw new RowException("person_id '" + text + "' is not a positive whole number");
    }
    return Long.parseLong(text);
  }

  @Override
  public void append(TracingCase c, StringBuilder out) {
    out.append(c.personId()).append(',');
    IsoTime.append(c.onset(), out);
    out.append(',');
    if (c.isolated() != null) {
      IsoTime.append(c.isolated(), out);
    }
    out.append('\n');
  }
}
