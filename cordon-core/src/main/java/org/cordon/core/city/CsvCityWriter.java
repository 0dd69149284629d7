package org.cordon.core.city;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cordon.core.exchange.CsvWriter;
import org.cordon.core.exchange.ExchangeFormats;
import org.cordon.core.exchange.RecordFormat;
import org.cordon.core.exchange.RecordKind;
import org.cordon.core.person.Person;
import org.cordon.core.place.Venue;
import org.cordon.core.presence.Dwell;
import org.cordon.core.presence.TripRide;
import org.cordon.core.presence.VenueScan;

/**
 * Writes a generated city as the five exchange CSV files ({@code persons.csv}, {@code venues.csv},
 * {@code scans.csv}, {@code trips.csv}, {@code dwells.csv}) that the bulk intake accepts, streaming,
 * with a one-line progress bar on {@code progress} when given.
 */
public final class CsvCityWriter implements CitySink, Closeable {
  private static final int BUFFER_BYTES = 1 << 20;

  private final CsvWriter<Person> persons;
  private final CsvWriter<Venue> venues;
  private final CsvWriter<VenueScan> scans;
  private final CsvWriter<TripRide> trips;
  private final CsvWriter<Dwell> dwells;
  private final List<CsvWriter<?>> all = new ArrayList<>();
  private final PrintStream progress;

  /** Creates {@code dir} if needed and opens the five files, replacing any that exist. */
  public CsvCityWriter(Path dir, PrintStream progress) throws IOException {
    Files.createDirectories(dir);
    this.progress = progress;
    persons = open(dir, RecordKind.PERSONS, ExchangeFormats.PERSONS);
    venues = open(dir, RecordKind.VENUES, ExchangeFormats.VENUES);
    scans = open(dir, RecordKind.SCANS, ExchangeFormats.SCANS);
    trips = open(dir, RecordKind.TRIPS, ExchangeFormats.TRIPS);
    dwells = open(dir, RecordKind.DWELLS, ExchangeFormats.DWELLS);
  }

  private <T> CsvWriter<T> open(Path dir, RecordKind kind, RecordFormat<T> format)
      throws IOException {
    Writer out = new OutputStreamWriter(
        new java.io.BufferedOutputStream(Files.newOutputStream(dir.resolve(kind.fileName())),
            BUFFER_BYTES), StandardCharsets.UTF_8);
    CsvWriter<T> writer = new CsvWriter<>(format, out);
    all.add(writer);
    return writer;
  }

  @Override
  public void person(Person person) throws IOException {
    persons.write(person);
  }

  @Override
  public void venue(Venue venue) throws IOException {
    venues.write(venue);
  }

  @Override
  public void scan(VenueScan scan) throws IOException {
    scans.write(scan);
  }

  @Override
  public void trip(TripRide ride) throws IOException {
    trips.write(ride);
  }

  @Override
  public void dwell(Dwell dwell) throws IOException {
    dwells.write(dwell);
  }

  @Override
  public void dayDone(int day, int days) {
    if (progress != null) {
      int width = 30;
      int filled = days == 0 ? width : day * width / days;
      progress.printf("\rday %d/%d [%s%s] %s", day, days, "#".repeat(filled),
          ".".repeat(width - filled), summary());
      if (day == days) {
        progress.println();
      }
      progress.flush();
    }
  }

  /** Rows written so far, per file. */
  public String summary() {
    return String.format("%,d persons, %,d venues, %,d scans, %,d trips, %,d dwells",
        persons.written(), venues.written(), scans.written(), trips.written(), dwells.written());
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (CsvWriter<?> w : all) {
      try {
        w.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
