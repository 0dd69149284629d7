package org.cordon.core.testing;

import java.util.List;
import org.cordon.core.exchange.Column;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.exchange.RecordFormat;
import org.cordon.core.exchange.RowException;
import org.cordon.core.place.Ids;

/**
 * {@code results.csv}, a lab's upload: {@code tube_barcode,result,resulted_at[,source]} with result
 * {@code negative}, {@code positive} or {@code invalid} and an optional source (lab id). Feed the rows to
 * {@link SamplingRound#applyResults}.
 */
public final class TubeResultFormat implements RecordFormat<TubeResultReport> {
  public static final TubeResultFormat INSTANCE = new TubeResultFormat();

  private static final List<Column> COLUMNS = List.of(new Column("tube_barcode", true),
      new Column("result", true), new Column("resulted_at", true), new Column("source", false));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public TubeResultReport parse(String[] v) {
    try {
      Ids.requireToken("tube_barcode", v[0], 64);
      if (!v[3].isEmpty()) {
        Ids.requireToken("source", v[3], 64);
      }
      return new TubeResultReport(v[0], TubeResult.parse(v[1]), IsoTime.parse("resulted_at", v[2]),
          v[3].isEmpty() ? null : v[3]);
    } catch (RowException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new RowException(e.getMessage());
    }
  }

  @Override
  public void append(TubeResultReport r, StringBuilder out) {
    out.append(r.tubeBarcode()).append(',').append(r.result().code()).append(',');
    IsoTime.append(r.at(), out);
    out.append(',').append(r.source() == null ? "" : r.source()).append('\n');
  }
}
