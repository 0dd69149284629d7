package org.cordon.server.followup;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.cordon.core.exchange.Column;
import org.cordon.core.exchange.CsvWriter;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.exchange.RecordFormat;
import org.cordon.core.exchange.RowException;
import org.cordon.core.person.IdentityNumber;
import org.cordon.core.place.DivisionCode;

/**
 * The assist request exchange format, version 1: NDJSON, one contact per line, every line a flat
 * object with the fields below, the first of them {@code "format":"cordon-assist/1"} so that a file
 * (or a line pasted from one) always says which version it is. Read with the exchange reader
 * ({@link org.cordon.core.exchange.RecordReader}, NDJSON), so that every bad line gets its number and
 * reason; written by {@link AssistExchange}. CSV with the same header also reads.
 *
 * <pre>
 * {"format":"cordon-assist/1","instance":"cordon-1401","source_case":"c-8f1e...","id_number":"140202...",
 *  "name":"...","phone":"138...","home_division":"140202001001","category":"close","via":"venue",
 *  "place":"V1401...","first_exposure":"2026-11-19T12:30:00+08:00","last_exposure":"..."}
 * </pre>
 */
public final class AssistFormat implements RecordFormat<AssistRecord> {
  /** The value of the {@code format} field of version 1. */
  public static final String VERSION_1 = "cordon-assist/1";

  static final List<Column> COLUMNS = List.of(new Column("format", true), new Column("instance", true),
      new Column("source_case", true), new Column("id_number", true), new Column("name", true),
      new Column("phone", false), new Column("home_division", true), new Column("category", true),
      new Column("via", true), new Column("place", true), new Column("first_exposure", true),
      new Column("last_exposure", true));
  private static final Set<String> CATEGORIES = Set.of("close", "secondary", "key", "companion");
  private static final Set<String> TRACKS = Set.of("household", "venue", "trip", "cell");

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public AssistRecord parse(String[] v) {
    if (!VERSION_1.equals(v[0])) {
      throw new RowException("format '" + v[0] + "' is not " + VERSION_1
          + " (the assist request format this instance reads)");
    }
    String instance = token("instance", v[1], 64);
    String sourceCase = token("source_case", v[2], 64);
    if (!IdentityNumber.isValid(v[3])) {
      throw new RowException("id_number '" + v[3] + "' is not a valid GB 11643 identity number");
    }
    String name = text("name", v[4], 64);
    String phone = v[5].isEmpty() ? null : text("phone", v[5], 20);
    String home;
    try {
      home = DivisionCode.of(v[6]).value();
    } catch (IllegalArgumentException e) {
      throw new RowException("home_division: " + e.getMessage());
    }
    if (!CATEGORIES.contains(v[7])) {
      throw new RowException("category '" + v[7] + "' is not close, secondary, key or companion");
    }
    if (!TRACKS.contains(v[8])) {
      throw new RowException("via '" + v[8] + "' is not household, venue, trip or cell");
    }
    String place = text("place", v[9], 64);
    Instant first = IsoTime.parse("first_exposure", v[10]);
    Instant last = IsoTime.parse("last_exposure", v[11]);
    if (last.isBefore(first)) {
      throw new RowException("last_exposure " + v[11] + " is before first_exposure " + v[10]);
    }
    return new AssistRecord(instance, sourceCase, v[3], name, phone, home, v[7], v[8], place, first,
        last);
  }

  @Override
  public void append(AssistRecord r, StringBuilder out) {
    String[] fields = {VERSION_1, r.instance(), r.sourceCase(), r.idNumber(), r.name(),
        r.phone() == null ? "" : r.phone(), r.homeDivision(), r.category(), r.via(), r.place(),
        IsoTime.format(r.firstExposure()), IsoTime.format(r.lastExposure())};
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      CsvWriter.appendField(fields[i], out);
    }
    out.append('\n');
  }

  private static String text(String field, String value, int max) {
    String s = value.strip();
    if (s.isEmpty()) {
      throw new RowException(field + " is empty");
    }
    if (s.length() > max) {
      throw new RowException(field + " is longer than " + max + " characters");
    }
    return s;
  }

  private static String token(String field, String value, int max) {
    String s = text(field, value, max);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ':')) {
        throw new RowException(field + " '" + s + "' may hold only letters, digits and - _ . :");
      }
    }
    return s;
  }
}
