package org.cordon.core.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.cordon.core.exchange.ExchangeFixtures;
import org.cordon.core.exchange.ExchangeFormats;
import org.cordon.core.place.Venue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CityDirectoryReaderTest {
  @TempDir
  Path dir;
  String venueId;

  @BeforeEach
  void writeCity() throws IOException {
    ExchangeFixtures f = new ExchangeFixtures(3);
    StringBuilder persons = new StringBuilder(ExchangeFormats.PERSONS.headerLine());
    for (long p = 1; p <= 3; p++) {
      ExchangeFormats.PERSONS.append(f.person(p), persons);
    }
    Files.writeString(dir.resolve("persons.csv"), persons);
    Venue v = f.venue(0);
    venueId = v.venueId();
    StringBuilder venues = new StringBuilder(ExchangeFormats.VENUES.headerLine());
    ExchangeFormats.VENUES.append(v, venues);
    Files.writeString(dir.resolve("venues.csv"), venues);
    Files.writeString(dir.resolve("scans.csv"), "person_id,venue_id,time\n1," + venueId
        + ",2022-04-01T08:00:00+08:00\n2," + venueId + ",2022-04-01T08:10:00+08:00\n");
    Files.writeString(dir.resolve("trips.csv"), "person_id,trip_id,seat_row,board_time,alight_time\n"
        + "3,K1,4,2022-04-01T09:00:00+08:00,2022-04-01T09:30:00+08:00\n");
    Files.writeString(dir.resolve("dwells.csv"), "person_id,cell_id,start_time,end_time\n");
  }

  @Test
  void readsTheFiveFilesIntoTracingData() {
    TracingDataBuilder builder = new TracingDataBuilder();
    assertThat(new CityDirectoryReader(dir, null).readInto(builder)).isEqualTo(3 + 1 + 2 + 1);
    TracingData data = builder.build();
    assertThat(data.events()).isEqualTo(3);
    assertThat(data.households().persons()).isEqualTo(3);
    assertThat(data.latestEvent()).isEqualTo(Instant.parse("2022-04-01T01:30:00Z"));
    assertThat(data.personIndex(1)).isNotNegative();
    assertThat(data.personIndex(4)).isEqualTo(-1);
  }

  @Test
  void namesTheFileAndLineOfAnEventOfAnUnknownPersonOrVenue() throws IOException {
    Files.writeString(dir.resolve("scans.csv"), "person_id,venue_id,time\n1," + venueId
        + ",2022-04-01T08:00:00+08:00\n99," + venueId + ",2022-04-01T08:10:00+08:00\n");
    assertThatThrownBy(() -> new CityDirectoryReader(dir, null).readInto(new TracingDataBuilder()))
        .isInstanceOf(TracingInputException.class).hasMessage("scans.csv line 3: unknown person 99");
    Files.writeString(dir.resolve("scans.csv"), "person_id,venue_id,time\n1,NOPE,2022-04-01T08:00:00+08:00\n");
    assertThatThrownBy(() -> new CityDirectoryReader(dir, null).readInto(new TracingDataBuilder()))
        .hasMessage("scans.csv line 2: unknown venue NOPE");
  }

  @Test
  void namesTheFileAndLineOfAMalformedTimeAndABadHeader() throws IOException {
    Files.writeString(dir.resolve("dwells.csv"), "person_id,cell_id,start_time,end_time\n"
        + "1,G1_1,2022-04-01T08:00:00+08:00,2022-04-01T09:00:00+08:00\n"
        + "1,G1_1,2022-04-01T25:00:00+08:00,2022-04-01T26:00:00+08:00\n");
    assertThatThrownBy(() -> new CityDirectoryReader(dir, null).readInto(new TracingDataBuilder()))
        .hasMessageStartingWith("dwells.csv line 3: start_time '2022-04-01T25:00:00+08:00' is not ISO-8601");
    Files.writeString(dir.resolve("trips.csv"), "person_id,trip_id,board_time,alight_time\n");
    assertThatThrownBy(() -> new CityDirectoryReader(dir, null).readInto(new TracingDataBuilder()))
        .hasMessageStartingWith("trips.csv line 1: header: missing column 'seat_row'");
  }

  @Test
  void listsEveryMissingFile() throws IOException {
    Files.delete(dir.resolve("trips.csv"));
    Files.delete(dir.resolve("dwells.csv"));
    assertThatThrownBy(() -> new CityDirectoryReader(dir, null).requireFiles())
        .hasMessage("missing file(s) in " + dir + ": trips.csv, dwells.csv");
  }
}
