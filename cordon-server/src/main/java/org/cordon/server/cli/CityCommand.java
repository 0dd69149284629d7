package org.cordon.server.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import org.cordon.core.city.CityParameters;
import org.cordon.core.city.CsvCityWriter;
import org.cordon.core.city.SyntheticCity;
import org.cordon.core.place.CountyBoundaries;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.DivisionTree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cordon city}: writes a synthetic city as the CSV files the bulk intake accepts. */
@Command(name = "city", mixinStandardHelpOptions = true,
    description = {
        "Generate a synthetic city as the CSV files the bulk intake accepts.",
        "Persons, households, venues and days of venue scans, bus and train rides and",
        "phone dwells, placed inside the real county boundaries of --division.",
        "Writes persons.csv, venues.csv, scans.csv, trips.csv and dwells.csv into --out.",
        "Deterministic: the same options give the same bytes."})
public final class CityCommand implements Callable<Integer> {

  @Option(names = "--persons", defaultValue = "100000",
      description = "Number of residents (default: ${DEFAULT-VALUE}).")
  int persons;

  @Option(names = "--days", defaultValue = "14",
      description = "Days of presence events (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--division", defaultValue = "140100",
      description = "GB/T 2260 code of the prefecture, county or province (default: ${DEFAULT-VALUE} Taiyuan).")
  String division;

  @Option(names = "--start", defaultValue = "2022-04-01",
      description = "First day of events, YYYY-MM-DD (default: ${DEFAULT-VALUE}).")
  LocalDate start;

  @Option(names = "--zone", defaultValue = "Asia/Shanghai",
      description = "Time zone whose days the routines follow (default: ${DEFAULT-VALUE}); timestamps are written with +08:00.")
  ZoneId zone;

  @Option(names = "--out", required = true, description = "Output directory (created if missing).")
  Path out;

  @Option(names = "--quiet", description = "No progress on standard error.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    CityParameters params;
    try {
      params = new CityParameters(persons, days, seed, DivisionCode.of(division), start, zone);
    } catch (IllegalArgumentException e) {
      System.err.println("cordon city: " + e.getMessage());
      return 2;
    }
    long began = System.nanoTime();
    SyntheticCity city = new SyntheticCity(DivisionTree.shipped(), CountyBoundaries.shipped());
    try (CsvCityWriter writer = new CsvCityWriter(out, quiet ? null : System.err)) {
      city.generate(params, writer);
      if (!quiet) {
        System.err.printf("cordon city: %s in %.1f s%n", writer.summary(),
            (System.nanoTime() - began) / 1e9);
      }
    } catch (IllegalArgumentException e) {
      System.err.println("cordon city: " + e.getMessage());
      return 2;
    }
    return 0;
  }
}
