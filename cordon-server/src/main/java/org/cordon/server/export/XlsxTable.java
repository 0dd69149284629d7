package org.cordon.server.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A list as a one-sheet xlsx download: a bold, frozen header row of column names, then one row per
 * item, streamed with SXSSF (100 rows in memory, the rest in a temporary file until the workbook is
 * written), so that a list of a hundred thousand rows does not sit in the heap as cell objects.
 */
public final class XlsxTable {
  public static final String CONTENT_TYPE =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  /** Fills the cells of {@code row} (numbered from 0 in column order) from {@code item}. */
  @FunctionalInterface
  public interface Cells<T> {
    void fill(T item, Row row);
  }

  private XlsxTable() {
  }

  /** Writes the workbook to {@code out}, flushes it and leaves it open. */
  public static <T> void write(String sheetName, List<String> columns, Iterable<T> items,
      Cells<T> cells, OutputStream out) throws IOException {
    try (SXSSFWorkbook book = new SXSSFWorkbook(100)) {
      Sheet sheet = book.createSheet(sheetName);
      Font bold = book.createFont();
      bold.setBold(true);
      CellStyle header = book.createCellStyle();
      header.setFont(bold);
      Row head = sheet.createRow(0);
      for (int i = 0; i < columns.size(); i++) {
        var cell = head.createCell(i);
        cell.setCellValue(columns.get(i));
        cell.setCellStyle(header);
      }
      sheet.createFreezePane(0, 1);
      int r = 1;
      for (T item : items) {
        cells.fill(item, sheet.createRow(r++));
      }
      book.write(out);
    }
    out.flush();
  }
}
