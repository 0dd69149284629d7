package org.cordon.server.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The missed persons of a division as an xlsx download, written the way the case contact export
 * ({@code org.cordon.server.tracing.ContactExport}) writes its sheet: streamed with SXSSF, bold frozen
 * header of English column names, person ids as numbers, everything else as text cells (a text cell is
 * never evaluated, so a name starting with {@code =} stays a name).
 */
final class MissedExport {

  static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final List<String> COLUMNS = List.of("person_id", "name", "community", "id_number", "phone",
      "task_open");

  private MissedExport() {
  }

  static String fileName(String campaignId, String division) {
    return "missed-" + campaignId + "-" + division + ".xlsx";
  }

  /** Writes {@code rows}, flushes {@code out} and leaves it open. */
  static void write(List<MissedPerson> rows, OutputStream out) throws IOException {
    try (SXSSFWorkbook book = new SXSSFWorkbook(100)) {
      Sheet sheet = book.createSheet("missed");
      Font bold = book.createFont();
      bold.setBold(true);
      CellStyle header = book.createCellStyle();
      header.setFont(bold);
      Row head = sheet.createRow(0);
      for (int i = 0; i < COLUMNS.size(); i++) {
        var cell = head.createCell(i);
        cell.setCellValue(COLUMNS.get(i));
        cell.setCellStyle(header);
      }
      sheet.createFreezePane(0, 1);
      int r = 1;
      for (MissedPerson m : rows) {
        Row row = sheet.createRow(r++);
        row.createCell(0).setCellValue(m.personId());
        row.createCell(1).setCellValue(text(m.name()));
        row.createCell(2).setCellValue(text(m.community()));
        row.createCell(3).setCellValue(text(m.idNumber()));
        row.createCell(4).setCellValue(text(m.phone()));
        row.createCell(5).setCellValue(m.taskOpen() ? "yes" : "no");
      }
      book.write(out);
    }
    out.flush();
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }
}
