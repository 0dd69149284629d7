package org.cordon.core.tracing;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cordon.core.city.CitySink;
import org.cordon.core.exchange.ExchangeFormatException;
import org.cordon.core.exchange.ExchangeFormats;
import org.cordon.core.exchange.ExchangeSyntax;
import org.cordon.core.exchange.ParsedRow;
import org.cordon.core.exchange.RecordFormat;
import org.cordon.core.exchange.RecordKind;
import org.cordon.core.exchange.RecordReader;

/**
 * Streams a directory of exchange CSV files ({@code persons.csv}, {@code venues.csv},
 * {@code scans.csv}, {@code trips.csv}, {@code dwells.csv}, as {@code cordon city} writes them) into a
 * {@link CitySink}, persons and venues first. Strict: the first missing file, bad header, malformed
 * row or row the sink refuses ends reading with a {@link TracingInputException} naming the file and
 * line.
 */
public final class CityDirectoryReader {
  /** The files read, in reading order. */
  public static final List<RecordKind> KINDS = List.of(RecordKind.PERSONS, RecordKind.VENUES,
      RecordKind.SCANS, RecordKind.TRIPS, RecordKind.DWELLS);

  private final Path dir;
  private final PrintStream progress;

  /** @param progress where to say which file is being read and how many rows it had; may be null */
  public CityDirectoryReader(Path dir, PrintStream progress) {
    this.dir = dir;
    this.progress = progress;
  }

  /**
   * Checks that every file exists before reading any.
   *
   * @throws TracingInputException listing the missing files
   */
  public void requireFiles() {
    if (!Files.isDirectory(dir)) {
      throw new TracingInputException("data directory " + dir + " does not exist");
    }
    List<String> missing = new ArrayList<>();
    for (RecordKind k : KINDS) {
      if (!Files.isRegularFile(dir.resolve(k.fileName()))) {
        missing.add(k.fileName());
      }
    }
    if (!missing.isEmpty()) {
      throw new TracingInputException("missing file(s) in " + dir + ": " + String.join(", ", missing));
    }
  }

  /** Reads all five files into {@code sink}; returns the number of rows read. */
  public long readInto(CitySink sink) {
    requireFiles();
    long rows = 0;
    rows += read(RecordKind.PERSONS, ExchangeFormats.PERSONS, (r, line) -> sink.person(r));
    rows += read(RecordKind.VENUES, ExchangeFormats.VENUES, (r, line) -> sink.venue(r));
    rows += read(RecordKind.SCANS, ExchangeFormats.SCANS, (r, line) -> sink.scan(r));
    rows += read(RecordKind.TRIPS, ExchangeFormats.TRIPS, (r, line) -> sink.trip(r));
    rows += read(RecordKind.DWELLS, ExchangeFormats.DWELLS, (r, line) -> sink.dwell(r));
    return rows;
  }

  private <T> long read(RecordKind kind, RecordFormat<T> format, RowConsumer<T> receiver) {
    Path file = dir.resolve(kind.fileName());
    if (progress != null) {
      progress.printf("loading %s...%n", file);
    }
    long rows = readFile(file, format, receiver);
    if (progress != null) {
      progress.printf("  %,d rows%n", rows);
    }
    return rows;
  }

  /** Receives one record; may refuse it with an {@link IllegalArgumentException}. */
  @FunctionalInterface
  public interface RowConsumer<T> {
    void accept(T record, long line) throws IOException;
  }

  /**
   * Reads every row of a CSV exchange file with {@code format}, handing each record to
   * {@code consumer}.
   *
   * @throws TracingInputException naming the file and line of a bad header, a malformed row or a row
   *     the consumer refused with an {@link IllegalArgumentException}
   */
  public static <T> long readFile(Path file, RecordFormat<T> format, RowConsumer<T> consumer) {
    String name = file.getFileName().toString();
    if (!Files.isRegularFile(file)) {
      throw new TracingInputException("missing file " + file);
    }
    long rows = 0;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      RecordReader<T> reader = new RecordReader<>(format, ExchangeSyntax.CSV, in);
      for (ParsedRow<T> row = reader.next(); row != null; row = reader.next()) {
        if (!row.ok()) {
          throw new TracingInputException(name + " line " + row.line() + ": " + row.error());
        }
        try {
          consumer.accept(row.record(), row.line());
        } catch (IllegalArgumentException e) {
          throw new TracingInputException(name + " line " + row.line() + ": " + e.getMessage());
        }
        rows++;
      }
    } catch (ExchangeFormatException e) {
      throw new TracingInputException(name + " " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file + ": " + e.getMessage(), e);
    }
    return rows;
  }
}
