package org.cordon.server.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContactExportTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "=HYPERLINK(\"x\")|'=HYPERLINK(\"x\")",
      "+8613800000000  |'+8613800000000",
      "-1+2            |'-1+2",
      "@SUM(A1)        |'@SUM(A1)",
      "张三            |张三",
      "V14010501000002 |V14010501000002",
  })
  void csvCellsThatASpreadsheetWouldRunAsAFormulaAreShownAsText(String value, String written) {
    assertThat(ContactExport.spreadsheetSafe(value)).isEqualTo(written);
  }
}
