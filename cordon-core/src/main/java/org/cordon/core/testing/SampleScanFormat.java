package org.cordon.core.testing;

import java.util.List;
import org.cordon.core.exchange.Column;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.exchange.RecordFormat;
import org.cordon.core.exchange.RowException;
import org.cordon.core.place.Ids;

/**
 * {@code samples.csv}: {@code person_id,tube_barcode,site_id,sampled_at} — one sample per row, as a site's
 * scanner uploads them (ISO-8601 times, {@link IsoTime}). Feed the rows to {@link SamplingRound#registerAll}.
 */
public final class SampleScanFormat implements RecordFormat<SampleScan> {
  public static final SampleScanFormat INSTANCE = new SampleScanFormat();

  private static final List<Column> COLUMNS = List.of(new Column("person_id", true),
      new Column("tube_barcode", true), new Column("site_id", true), new Column("sampled_at", true));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public SampleScan parse(String[] v) {
    if (!v[0].matches("[0-9]{1,18}") || Long.parseLong(v[0]) <= 0) {
      throw new RowException("person_id '" + v[0] + "' is not a positive whole number");
    }
    try {
      Ids.requireToken("tube_barcode", v[1], 64);
      Ids.requireToken("site_id", v[2], 64);
    } catch (IllegalArgumentException e) {
      throw new RowException(e.getMessage());
    }
    return new SampleScan(Long.parseLong(v[0]), v[1], v[2], IsoTime.parse("sampled_at", v[3]));
  }

  @Override
  public void append(SampleScan s, StringBuilder out) {
    out.append(s.personId()).append(',').append(s.tubeBarcode()).append(',').append(s.siteId()).append(',');
    IsoTime.append(s.at(), out);
    out.append('\n');
  }
}
