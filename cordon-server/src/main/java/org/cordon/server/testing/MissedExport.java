package org.cordon.server.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.cordon.server.export.XlsxTable;

/**
 * The missed persons of a division as an xlsx download ({@link XlsxTable}, like the case contact
 * export): English column names, person ids as numbers, everything else as text cells (a text cell is
 * never evaluated, so a name starting with {@code =} stays a name).
 */
final class MissedExport {

  static final List<String> COLUMNS = List.of("person_id", "name", "community", "id_number", "phone",
      "task_open");

  private MissedExport() {
  }

  static String fileName(String campaignId, String division) {
    return "missed-" + campaignId + "-" + division + ".xlsx";
  }

  /** Writes {@code rows}, flushes {@code out} and leaves it open. */
  static void write(List<MissedPerson> rows, OutputStream out) throws IOException {
    XlsxTable.write("missed", COLUMNS, rows, (m, row) -> {
      row.createCell(0).setCellValue(m.personId());
      row.createCell(1).setCellValue(text(m.name()));
      row.createCell(2).setCellValue(text(m.community()));
      row.createCell(3).setCellValue(text(m.idNumber()));
      row.createCell(4).setCellValue(text(m.phone()));
      row.createCell(5).setCellValue(m.taskOpen() ? "yes" : "no");
    }, out);
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }
}
