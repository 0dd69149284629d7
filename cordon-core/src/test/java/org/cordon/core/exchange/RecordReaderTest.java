package org.cordon.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cordon.core.person.Person;
import org.cordon.core.presence.VenueScan;
import org.junit.jupiter.api.Test;

class RecordReaderTest {

  private static <T> List<ParsedRow<T>> read(RecordFormat<T> f, ExchangeSyntax syntax, String text) {
    RecordReader<T> r = new RecordReader<>(f, syntax, new StringReader(text));
    List<ParsedRow<T>> rows = new ArrayList<>();
    for (ParsedRow<T> row = r.next(); row != null; row = r.next()) {
      rows.add(row);
    }
    return rows;
  }

  private static List<ParsedRow<VenueScan>> scans(String text) {
    return read(ExchangeFormats.SCANS, ExchangeSyntax.CSV, text);
  }

  @Test
  void acceptsColumnsInAnyOrderAndWithoutTheOptionalExitTime() {
    List<ParsedRow<VenueScan>> rows = scans("\uFEFFtime,venue_id,person_id\n2022-03-01T08:00:00+08:00,V1,7\n");
    assertThat(rows).singleElement().satisfies(r -> {
      assertThat(r.line()).isEqualTo(2);
      assertThat(r.record()).isEqualTo(new VenueScan(7, "V1", Instant.parse("2022-03-01T00:00:00Z"), null));
    });
  }

  @Test
  void refusesAHeaderWithMissingUnknownOrRepeatedColumns() {
    assertThatThrownBy(() -> scans("person_id,venue,time,time\n1,V1,x,y\n"))
        .isInstanceOf(ExchangeFormatException.class)
        .hasMessage("line 1: header: unknown column 'venue'; column 'time' appears twice; "
            + "missing column 'venue_id' (expected person_id,venue_id,time,[exit_time])");
  }

  @Test
  void refusesAnEmptyInput() {
    assertThatThrownBy(() -> scans("")).isInstanceOf(ExchangeFormatException.class)
        .hasMessageContaining("line 1: the input is empty; a header line is required");
  }

  @Test
  void givesEachBadRowItsLineAndReason() {
    String text = """
        person_id,venue_id,time,exit_time
        1,V1,2022-03-01T08:00:00+08:00,
        2,V1,2022-03-01T08:00:00+08:00,,extra
        x,V1,2022-03-01T08:00:00+08:00,
        3,V 1,2022-03-01T08:00:00+08:00,
        4,V1,2022-13-01T08:00:00+08:00,
        5,V1,2022-03-01T08:00:00+08:00,2022-03-01T07:00:00+08:00
        6,,2022-03-01T08:00:00+08:00,
        """;
    List<ParsedRow<VenueScan>> rows = scans(text);
    assertThat(rows).extracting(ParsedRow::line).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(rows.get(0).ok()).isTrue();
    assertThat(rows.get(1).error()).isEqualTo("expected 4 columns, got 5");
    assertThat(rows.get(2).error()).isEqualTo("person_id 'x' is not a positive whole number");
    assertThat(rows.get(3).error()).contains("venue_id 'V 1' has a character outside");
    assertThat(rows.get(4).error()).startsWith("time '2022-13-01T08:00:00+08:00' is not ISO-8601");
    assertThat(rows.get(5).error()).startsWith("exit_time ").contains("is not after time");
    assertThat(rows.get(6).error()).isEqualTo("venue_id is empty");
  }

  @Test
  void namesTheWrongCheckCharacterOfAnIdentityNumber() {
    List<ParsedRow<Person>> rows = read(ExchangeFormats.PERSONS, ExchangeSyntax.CSV,
        "person_id,household_id,home_division,id_number,name,phone,lat,lon\n"
            + "1,1,140105001001,110105194912310021,\"Zhang, San\",,37.8,112.5\n"
            + "2,1,14010,11010519491231002X,Li,,37.8,112.5\n"
            + "3,1,140105,11010519491231002X,Li,,37.8,\n");
    assertThat(rows.get(0).error()).isEqualTo("identity number check character is '1' but GB 11643 gives 'X'");
    assertThat(rows.get(1).error()).startsWith("home_division: division code must have 2, 4, 6, 9 or 12 digits");
    assertThat(rows.get(2).error()).isEqualTo("lat and lon must both be given or both be empty");
  }

  @Test
  void readsNdjsonWithTheSameFieldNames() {
    String text = "{\"person_id\": 7, \"venue_id\": \"V1\", \"time\": \"2022-03-01T08:00:00+08:00\", \"exit_time\": null}\n"
        + "\n"
        + "{\"person_id\": 8, \"venue_id\": \"V1\", \"time\": \"2022-03-01T08:00:00+08:00\", \"colour\": \"red\"}\r\n"
        + "{\"person_id\": 9, \"venue_id\": [\"V1\"]}\n"
        + "not json\n";
    List<ParsedRow<VenueScan>> rows = read(ExchangeFormats.SCANS, ExchangeSyntax.NDJSON, text);
    assertThat(rows).extracting(ParsedRow::line).containsExactly(1L, 3L, 4L, 5L);
    assertThat(rows.get(0).record()).isEqualTo(new VenueScan(7, "V1", Instant.parse("2022-03-01T00:00:00Z"), null));
    assertThat(rows.get(1).error()).isEqualTo("unknown field 'colour'");
    assertThat(rows.get(2).error()).isEqualTo("field 'venue_id' is a nested object or array; records are flat");
    assertThat(rows.get(3).error()).startsWith("not a flat JSON object: expected '{'");
  }
}
