package org.cordon.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cordon.core.exchange.ExchangeSyntax;
import org.cordon.core.exchange.ParsedRow;
import org.cordon.core.exchange.RecordReader;
import org.cordon.core.tracing.CityDirectoryReader;
import org.cordon.core.tracing.ContactCategory;
import org.cordon.core.tracing.ContactFormat;
import org.cordon.core.tracing.ContactTracingEngine;
import org.cordon.core.tracing.ContactTrack;
import org.cordon.core.tracing.TracedContact;
import org.cordon.core.tracing.TracingCase;
import org.cordon.core.tracing.TracingData;
import org.cordon.core.tracing.TracingDataBuilder;
import org.cordon.core.tracing.TracingPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cordon trace} end to end on a small generated city (2,000 persons, 5 days). */
class TraceCommandTest {
  private static final String ONSET = "2022-04-05T12:00:00+08:00";

  @TempDir
  static Path tmp;
  static Path city;
  static List<Long> casePersons = new ArrayList<>();
  static Map<Long, Long> householdOf = new HashMap<>();

  record Run(int exit, String err) {
  }

  @BeforeAll
  static void generateCity() throws IOException {
    city = tmp.resolve("city");
    assertThat(new CommandLine(new CordonCommand()).execute("city", "--persons", "2000", "--days", "5",
        "--seed", "7", "--out", city.toString(), "--quiet")).isZero();
    for (String line : Files.readAllLines(city.resolve("persons.csv")).subList(1, 2001)) {
      String[] f = line.split(",");
      householdOf.put(Long.parseLong(f[0]), Long.parseLong(f[1]));
    }
    Set<Long> scanned = new LinkedHashSet<>();
    List<String> scans = Files.readAllLines(city.resolve("scans.csv"));
    for (int i = 1; i < scans.size() && scanned.size() < 3; i += 997) {
      scanned.add(Long.parseLong(scans.get(i).split(",")[0]));
    }
    casePersons.addAll(scanned);
  }

  private static Run trace(String... args) {
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      String[] all = new String[args.length + 1];
      all[0] = "trace";
      System.arraycopy(args, 0, all, 1, args.length);
      int exit = new CommandLine(new CordonCommand()).execute(all);
      return new Run(exit, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(old);
    }
  }

  private static Path file(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static Path casesFile() throws IOException {
    StringBuilder sb = new StringBuilder("person_id,onset_time,isolated_time\n");
    for (long p : casePersons) {
      sb.append(p).append(',').append(ONSET).append(",\n");
    }
    return file("cases.csv", sb.toString());
  }

  private static List<TracedContact> readContacts(Path out) throws IOException {
    List<TracedContact> list = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(out)) {
      RecordReader<TracedContact> r = new RecordReader<>(ContactFormat.INSTANCE, ExchangeSyntax.CSV, in);
      for (ParsedRow<TracedContact> row = r.next(); row != null; row = r.next()) {
        assertThat(row.error()).isNull();
        list.add(row.record());
      }
    }
    return list;
  }

  @Test
  void writesTheSortedContactListTheEngineFindsAndReportsProgress() throws IOException {
    Path out = tmp.resolve("out/contacts.csv");
    Run run = trace("--data", city.toString(), "--cases", casesFile().toString(), "--out", out.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).contains("loading").contains("index of").contains("traced 3 case(s)");
    assertThat(Files.readAllLines(out).get(0))
        .isEqualTo("person_id,category,source_person_id,via,place,first_exposure,last_exposure");
    List<TracedContact> listed = readContacts(out);
    assertThat(listed).isSortedAccordingTo(TracedContact.ORDER);
    assertThat(listed).extracting(TracedContact::category).contains(ContactCategory.CLOSE,
        ContactCategory.SECONDARY, ContactCategory.KEY);
    for (TracedContact c : listed) {
      assertThat(casePersons).doesNotContain(c.personId());
      assertThat(householdOf).containsKey(c.personId());
      if (c.track() == ContactTrack.HOUSEHOLD) {
        assertThat(householdOf.get(c.personId())).isEqualTo(householdOf.get(c.sourcePersonId()))
            .isEqualTo(Long.parseLong(c.place()));
      }
    }

    TracingDataBuilder builder = new TracingDataBuilder();
    new CityDirectoryReader(city, null).readInto(builder);
    TracingData data = builder.build();
    List<TracingCase> cases = casePersons.stream()
        .map(p -> new TracingCase(p, Instant.parse("2022-04-05T04:00:00Z"), null)).toList();
    assertThat(listed).isEqualTo(new ContactTracingEngine(TracingPolicy.defaults())
        .trace(data, cases, data.latestEvent()));
  }

  @Test
  void aPolicyFileAndAnAsOfTimeChangeTheListing() throws IOException {
    Path wide = tmp.resolve("wide.csv");
    Path narrow = tmp.resolve("narrow.csv");
    Path cases = casesFile();
    Path policy = file("policy.yaml", "contact-window-days: 0\ncompanion-window-days: 0\n");
    assertThat(trace("--data", city.toString(), "--cases", cases.toString(), "--out", wide.toString(),
        "--quiet").exit()).isZero();
    assertThat(trace("--data", city.toString(), "--cases", cases.toString(), "--out", narrow.toString(),
        "--policy", policy.toString(), "--as-of", "2022-04-05T18:00:00+08:00", "--quiet").exit())
        .isZero();
    List<TracedContact> all = readContacts(wide);
    List<TracedContact> few = readContacts(narrow);
    assertThat(few.size()).isLessThan(all.size());
    assertThat(few).allSatisfy(c -> assertThat(c.lastExposure())
        .isBeforeOrEqualTo(Instant.parse("2022-04-05T10:00:00Z")));
  }

  @Test
  void rejectsAnUnknownCasePersonWithItsLine() throws IOException {
    Path cases = file("unknown.csv", "person_id,onset_time\n" + casePersons.get(0) + "," + ONSET
        + "\n999999999," + ONSET + "\n");
    Run run = trace("--data", city.toString(), "--cases", cases.toString(), "--out",
        tmp.resolve("x.csv").toString(), "--quiet");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("unknown.csv line 3: unknown case person 999999999");
  }

  @Test
  void rejectsMalformedTimesWithTheirLine() throws IOException {
    Path cases = file("badtime.csv", "person_id,onset_time,isolated_time\n" + casePersons.get(0) + ","
        + ONSET + ",\n" + casePersons.get(1) + ",2022-04-31T10:00:00+08:00,\n");
    Run run = trace("--data", city.toString(), "--cases", cases.toString(), "--out",
        tmp.resolve("x.csv").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("badtime.csv line 3: onset_time '2022-04-31T10:00:00+08:00' is not ISO-8601");
    Run asOf = trace("--data", city.toString(), "--cases", casesFile().toString(), "--out",
        tmp.resolve("x.csv").toString(), "--as-of", "yesterday");
    assertThat(asOf.exit()).isEqualTo(2);
    assertThat(asOf.err()).contains("--as-of 'yesterday' is not ISO-8601");
  }

  @Test
  void rejectsMissingColumnsAndFilesAndCasesGivenTwice() throws IOException {
    Run column = trace("--data", city.toString(), "--cases", file("nocol.csv", "person_id\n1\n").toString(),
        "--out", tmp.resolve("x.csv").toString());
    assertThat(column.exit()).isEqualTo(2);
    assertThat(column.err()).contains("nocol.csv line 1: header: missing column 'onset_time'");

    Path empty = Files.createDirectories(tmp.resolve("partial"));
    Files.copy(city.resolve("persons.csv"), empty.resolve("persons.csv"));
    Run files = trace("--data", empty.toString(), "--cases", casesFile().toString(), "--out",
        tmp.resolve("x.csv").toString());
    assertThat(files.exit()).isEqualTo(2);
    assertThat(files.err()).contains("missing file(s) in").contains("venues.csv, scans.csv, trips.csv, dwells.csv");

    Run twice = trace("--data", city.toString(), "--cases", file("twice.csv", "person_id,onset_time\n"
        + casePersons.get(0) + "," + ONSET + "\n" + casePersons.get(0) + "," + ONSET + "\n").toString(),
        "--out", tmp.resolve("x.csv").toString());
    assertThat(twice.exit()).isEqualTo(2);
    assertThat(twice.err()).contains("twice.csv line 3: person " + casePersons.get(0)
        + " is given as a case twice");

    Run casesMissing = trace("--data", city.toString(), "--cases", tmp.resolve("nope.csv").toString(),
        "--out", tmp.resolve("x.csv").toString());
    assertThat(casesMissing.exit()).isEqualTo(2);
    assertThat(casesMissing.err()).contains("missing file").contains("nope.csv");
  }

  @Test
  void rejectsABadPolicyFileByKey() throws IOException {
    Run run = trace("--data", city.toString(), "--cases", casesFile().toString(), "--out",
        tmp.resolve("x.csv").toString(), "--policy", file("bad.yaml", "contact-window: 4\n").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("unknown key 'contact-window'");
  }
}
