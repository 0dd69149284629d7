package org.cordon.server.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cordon.core.exchange.CsvWriter;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.tracing.CaseFormat;
import org.cordon.core.tracing.CityDirectoryReader;
import org.cordon.core.tracing.ContactCategory;
import org.cordon.core.tracing.ContactFormat;
import org.cordon.core.tracing.ContactTracingEngine;
import org.cordon.core.tracing.TracedContact;
import org.cordon.core.tracing.TracingCase;
import org.cordon.core.tracing.TracingData;
import org.cordon.core.tracing.TracingDataBuilder;
import org.cordon.core.tracing.TracingInputException;
import org.cordon.core.tracing.TracingPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cordon trace}: loads a city directory into the presence indexes, traces the cases of a CSV
 * file and writes the contact list. Exit 0 on success, 2 on bad input (the message names the file
 * and line), progress on standard error.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
    description = {
        "Trace the contacts of cases over a city directory (four tracks in one).",
        "Finds the close contacts, secondary contacts, same-time-space key persons",
        "and time-space companions of the cases in --cases over the city in --data",
        "(persons.csv, venues.csv, scans.csv, trips.csv, dwells.csv). Writes --out as",
        "person_id,category,source_person_id,via,place,first_exposure,last_exposure",
        "sorted by category (close, secondary, key, companion), then person id.",
        "Cases CSV: person_id,onset_time[,isolated_time], ISO-8601 times such as",
        "2022-04-05T08:00:00+08:00. Exit code 2 on bad input."})
public final class TraceCommand implements Callable<Integer> {

  @Option(names = "--data", required = true, paramLabel = "DIR",
      description = "Directory with the five exchange CSV files (as written by `cordon city`).")
  Path data;

  @Option(names = "--cases", required = true, paramLabel = "FILE",
      description = "Cases CSV: person_id,onset_time[,isolated_time].")
  Path cases;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Contact list CSV to write.")
  Path out;

  @Option(names = "--as-of", paramLabel = "TIME",
      description = "Trace as of this ISO-8601 time (default: the latest event time in the data).")
  String asOf;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "Tracing policy file (key: value lines; see policy/tracing-default.yaml). Default: built-in defaults.")
  Path policy;

  @Option(names = "--quiet", description = "No progress on standard error.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    PrintStream err = System.err;
    try {
      TracingPolicy tracingPolicy = policy == null ? TracingPolicy.defaults() : TracingPolicy.read(policy);
      Instant asOfTime = asOf == null ? null : IsoTime.parse("--as-of", asOf);
      new CityDirectoryReader(data, null).requireFiles();
      Map<Long, Long> caseLines = new HashMap<>();
      List<TracingCase> caseList = readCases(caseLines);
      PrintStream progress = quiet ? null : err;
      long began = System.nanoTime();
      TracingDataBuilder builder = new TracingDataBuilder();
      long rows = new CityDirectoryReader(data, progress).readInto(builder);
      long loaded = System.nanoTime();
      TracingData city = builder.build();
      long built = System.nanoTime();
      say(progress, "read %,d rows in %.1f s; index of %,d events built in %.1f s (%.1f bytes/event)",
          rows, (loaded - began) / 1e9, city.events(), (built - loaded) / 1e9,
          (double) city.rowBytes() / Math.max(1, city.events()));
      for (TracingCase c : caseList) {
        if (city.personIndex(c.personId()) < 0) {
          throw new TracingInputException(cases.getFileName() + " line " + caseLines.get(c.personId())
              + ": unknown case person " + c.personId() + " (not in persons.csv)");
        }
      }
      Instant at = asOfTime != null ? asOfTime : defaultAsOf(city, caseList);
      long t0 = System.nanoTime();
      List<TracedContact> contacts = new ContactTracingEngine(tracingPolicy).trace(city, caseList, at);
      long t1 = System.nanoTime();
      say(progress, "traced %d case(s) as of %s in %.1f ms: %s", caseList.size(), IsoTime.format(at),
          (t1 - t0) / 1e6, summary(contacts));
      write(contacts);
      say(progress, "wrote %,d contacts to %s", contacts.size(), out);
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("cordon trace: " + e.getMessage());
      return 2;
    }
  }

  private List<TracingCase> readCases(Map<Long, Long> lines) {
    List<TracingCase> list = new ArrayList<>();
    CityDirectoryReader.readFile(cases, CaseFormat.INSTANCE, (c, line) -> {
      if (lines.putIfAbsent(c.personId(), line) != null) {
        throw new IllegalArgumentException("person " + c.personId() + " is given as a case twice");
      }
      list.add(c);
    });
    return list;
  }

  private static Instant defaultAsOf(TracingData city, List<TracingCase> caseList) {
    Instant latest = city.latestEvent();
    if (latest == null) {
      for (TracingCase c : caseList) {
        Instant t = c.isolated() != null ? c.isolated() : c.onset();
        latest = latest == null || t.isAfter(latest) ? t : latest;
      }
    }
    return latest == null ? Instant.now() : latest;
  }

  private void write(List<TracedContact> contacts) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (Writer w = new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8);
        CsvWriter<TracedContact> csv = new CsvWriter<>(ContactFormat.INSTANCE, w)) {
      for (TracedContact c : contacts) {
        csv.write(c);
      }
    }
  }

  private static String summary(List<TracedContact> contacts) {
    Map<String, Integer> n = new LinkedHashMap<>();
    for (ContactCategory c : ContactCategory.values()) {
      n.put(c.code(), 0);
    }
    for (TracedContact c : contacts) {
      n.merge(c.category().code(), 1, Integer::sum);
    }
    return n.toString();
  }

  private static void say(PrintStream progress, String format, Object... args) {
    if (progress != null) {
      progress.printf("cordon trace: " + format + "%n", args);
    }
  }
}
