package org.cordon.server.tracing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.cordon.core.exchange.CsvWriter;
import org.cordon.core.exchange.IsoTime;
import org.cordon.server.export.XlsxTable;

/**
 * Writes a case's contacts, as already scoped and masked for the caller, as a CSV or xlsx download.
 * Both carry the same English column names; times are ISO-8601 at +08:00 (text cells in xlsx, so a
 * spreadsheet shows exactly what the CSV holds).
 */
enum ContactExport {

  CSV("csv", "text/csv;charset=UTF-8") {
    @Override
    void write(List<ContactView> rows, OutputStream out) throws IOException {
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      // The byte order mark is what makes Excel read the file as UTF-8 (names are Chinese).
      StringBuilder line = new StringBuilder("\uFEFF");
      for (int i = 0; i < COLUMNS.size(); i++) {
        if (i > 0) {
          line.append(',');
        }
        CsvWriter.appendField(COLUMNS.get(i), line);
      }
      line.append("\r\n");
      for (ContactView c : rows) {
        String[] f = fields(c);
        for (int i = 0; i < f.length; i++) {
          if (i > 0) {
            line.append(',');
          }
          CsvWriter.appendField(spreadsheetSafe(f[i]), line);
        }
        line.append("\r\n");
        if (line.length() >= 1 << 16) {
          w.append(line);
          line.setLength(0);
        }
      }
      w.append(line);
      w.flush();
    }
  },

  XLSX("xlsx", XlsxTable.CONTENT_TYPE) {
    @Override
    void write(List<ContactView> rows, OutputStream out) throws IOException {
      XlsxTable.write("contacts", COLUMNS, rows, (c, row) -> {
        String[] f = fields(c);
        for (int i = 0; i < f.length; i++) {
          if (i == 0 || i == 6) {
            // person ids as numbers, so a spreadsheet sorts and looks them up as such
            row.createCell(i).setCellValue(Long.parseLong(f[i]));
          } else {
            row.createCell(i).setCellValue(f[i]);
          }
        }
      }, out);
    }
  };

  /** Column names, in order, of both formats. */
  static final List<String> COLUMNS = List.of("person_id", "name", "home_division", "id_number",
      "phone", "category", "source_person_id", "via", "place", "first_exposure", "last_exposure");

  private final String extension;
  private final String contentType;

  ContactExport(String extension, String contentType) {
    this.extension = extension;
    this.contentType = contentType;
  }

  String contentType() {
    return contentType;
  }

  /** The download's file name for case {@code caseId}. */
  String fileName(long caseId) {
    return "case-" + caseId + "-contacts." + extension;
  }

  /** Writes {@code rows} to {@code out}, flushes it and leaves it open. */
  abstract void write(List<ContactView> rows, OutputStream out) throws IOException;

  private static String[] fields(ContactView c) {
    return new String[] {Long.toString(c.personId()), text(c.name()), text(c.homeDivision()),
        text(c.idNumber()), text(c.phone()), c.category(), Long.toString(c.sourcePersonId()), c.via(),
        c.place(), time(c.firstExposure()), time(c.lastExposure())};
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }

  private static String time(OffsetDateTime t) {
    return t == null ? "" : IsoTime.format(t.toInstant());
  }

  /**
   * A spreadsheet runs a CSV cell that starts with {@code = + - @} (or a tab or carriage return) as a
   * formula: such a text cell gets a leading apostrophe, which shows it as text (CSV injection).
   */
  static String spreadsheetSafe(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    char c = value.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + value : value;
  }
}
