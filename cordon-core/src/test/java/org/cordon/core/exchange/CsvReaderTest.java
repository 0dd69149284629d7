package org.cordon.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

  private static List<CsvRecord> read(String text) {
    CsvReader r = new CsvReader(new StringReader(text));
    List<CsvRecord> out = new ArrayList<>();
    for (CsvRecord rec = r.next(); rec != null; rec = r.next()) {
      out.add(rec);
    }
    return out;
  }

  @Test
  void readsQuotedCommasQuotesAndLineBreaksWithStartingLines() {
    List<CsvRecord> recs = read("a,b,c\r\n1,\"x, \"\"y\"\"\",3\n2,\"two\nlines\",\n\n3,,\"\"");
    assertThat(recs).extracting(CsvRecord::line).containsExactly(1L, 2L, 3L, 6L);
    assertThat(recs.get(1).fields()).containsExactly("1", "x, \"y\"", "3");
    assertThat(recs.get(2).fields()).containsExactly("2", "two\nlines", "");
    assertThat(recs.get(3).fields()).containsExactly("3", "", "");
    assertThat(recs).allMatch(r -> r.error() == null);
  }

  @Test
  void countsLinesAfterCarriageReturnLineBreaksInsideQuotes() {
    List<CsvRecord> recs = read("\"a\r\nb\"\r\nnext\r\n");
    assertThat(recs.get(0).fields()).containsExactly("a\r\nb");
    assertThat(recs.get(1).line()).isEqualTo(3);
  }

  @Test
  void reportsAStrayQuoteAndGoesOnWithTheNextLine() {
    List<CsvRecord> recs = read("1,ab\"c,3\n4,\"x\"y,6\n7,8,9\n");
    assertThat(recs.get(0).error()).contains("quote inside unquoted field 2");
    assertThat(recs.get(1).error()).contains("text after the closing quote of field 2");
    assertThat(recs.get(2).error()).isNull();
    assertThat(recs.get(2).fields()).containsExactly("7", "8", "9");
    assertThat(recs.get(2).line()).isEqualTo(3);
  }

  @Test
  void failsOnAQuoteLeftOpenNamingTheLineWhereItStarted() {
    assertThatThrownBy(() -> read("a\nb\n\"open,\n1\n2\n"))
        .isInstanceOf(ExchangeFormatException.class)
        .hasMessage("line 3: quoted field is not closed before the end of the input");
  }

  @Test
  void refusesARecordLongerThanTheLimit() {
    String huge = "\"" + "x".repeat(CsvReader.MAX_RECORD_CHARS + 1);
    assertThatThrownBy(() -> read(huge)).isInstanceOf(ExchangeFormatException.class)
        .hasMessageContaining("is a quote not closed?");
  }

  @Test
  void readsBackWhatTheWriterQuoted() {
    Random rnd = new Random(5);
    String alphabet = "ab,\"\n\r 张三 ";
    for (int k = 0; k < 2000; k++) {
      String[] fields = new String[1 + rnd.nextInt(5)];
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < fields.length; i++) {
        StringBuilder f = new StringBuilder();
        int len = rnd.nextInt(6);
        for (int j = 0; j < len; j++) {
          f.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        fields[i] = f.toString();
        if (i > 0) {
          sb.append(',');
        }
        CsvWriter.appendField(fields[i], sb);
      }
      sb.append('\n');
      // a lone empty field is an empty line, which the reader skips by design
      if (fields.length == 1 && fields[0].isEmpty()) {
        continue;
      }
      List<CsvRecord> recs = read(sb.toString());
      assertThat(recs).hasSize(1);
      assertThat(recs.get(0).fields()).containsExactly(fields);
    }
  }
}
