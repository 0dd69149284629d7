package org.cordon.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class RoundTripTest {

  private final ExchangeFixtures fx = new ExchangeFixtures(42);

  private static <T> List<T> roundTrip(RecordFormat<T> format, List<T> records) throws IOException {
    StringWriter out = new StringWriter();
    try (CsvWriter<T> w = new CsvWriter<>(format, out)) {
      for (T r : records) {
        w.write(r);
      }
    }
    RecordReader<T> reader = new RecordReader<>(format, ExchangeSyntax.CSV, new StringReader(out.toString()));
    List<T> back = new ArrayList<>();
    for (ParsedRow<T> row = reader.next(); row != null; row = reader.next()) {
      assertThat(row.error()).as("line %d", row.line()).isNull();
      back.add(row.record());
    }
    return back;
  }

  private static <T> List<T> many(int n, IntFunction<T> make) {
    List<T> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(make.apply(i));
    }
    return out;
  }

  @Test
  void personsComeBackEqual() throws IOException {
    List<org.cordon.core.person.Person> persons = many(5000, fx::person);
    assertThat(roundTrip(ExchangeFormats.PERSONS, persons)).isEqualTo(persons);
  }

  @Test
  void venuesComeBackEqual() throws IOException {
    List<org.cordon.core.place.Venue> venues = many(3000, fx::venue);
    assertThat(roundTrip(ExchangeFormats.VENUES, venues)).isEqualTo(venues);
  }

  @Test
  void scansComeBackEqual() throws IOException {
    List<org.cordon.core.presence.VenueScan> scans = many(20000, i -> fx.scan(i, i % 77));
    assertThat(roundTrip(ExchangeFormats.SCANS, scans)).isEqualTo(scans);
  }

  @Test
  void tripsComeBackEqual() throws IOException {
    List<org.cordon.core.presence.TripRide> trips = many(20000, fx::trip);
    assertThat(roundTrip(ExchangeFormats.TRIPS, trips)).isEqualTo(trips);
  }

  @Test
  void dwellsComeBackEqual() throws IOException {
    List<org.cordon.core.presence.Dwell> dwells = many(20000, fx::dwell);
    assertThat(roundTrip(ExchangeFormats.DWELLS, dwells)).isEqualTo(dwells);
  }

  @Test
  void writesTheExactHeaders() {
    assertThat(ExchangeFormats.PERSONS.headerLine())
        .isEqualTo("person_id,household_id,home_division,id_number,name,phone,lat,lon\n");
    assertThat(ExchangeFormats.VENUES.headerLine())
        .isEqualTo("venue_id,name,kind,division,lat,lon,dwell_minutes,contact_class\n");
    assertThat(ExchangeFormats.SCANS.headerLine()).isEqualTo("person_id,venue_id,time,exit_time\n");
    assertThat(ExchangeFormats.TRIPS.headerLine())
        .isEqualTo("person_id,trip_id,seat_row,board_time,alight_time\n");
    assertThat(ExchangeFormats.DWELLS.headerLine()).isEqualTo("person_id,cell_id,start_time,end_time\n");
  }
}
