package org.cordon.server.followup;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cordon.core.exchange.ExchangeSyntax;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.exchange.ParsedRow;
import org.cordon.core.exchange.RecordKind;
import org.cordon.core.exchange.RecordReader;
import org.cordon.server.intake.IntakeManagement;
import org.cordon.server.security.AuditLog;
import org.cordon.server.security.Caller;
import org.cordon.server.security.Paging;
import org.cordon.server.security.Permission;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Assist requests (协查) between instances: lists them, writes the outgoing ones as an
 * {@link AssistFormat} file, and takes in a file another instance wrote.
 *
 * <p>An import reads and checks the whole file first; any bad line and nothing is stored (the report
 * lists every bad line with its number). Then the persons it names that are not known here are created
 * through intake (so the live tracing index and intake's checks know them; they have ids from
 * {@code assist_person_seq} and a household of their own), and in one transaction the requests, a
 * follow-up task for each and the audit rows are stored. Contacts are matched by identity number; a
 * request already taken in (same sending instance, case and identity number) counts as a duplicate, so
 * re-importing a file stores nothing new. If that transaction fails, only persons created before it
 * remain (valid persons, found again by a retry).
 */
@Service
public class AssistExchange {
  /** Most lines one import may hold. */
  static final int MAX_LINES = 200_000;

  private final AssistRequests requests;
  private final FollowUpTasks tasks;
  private final DeploymentProperties deployment;
  private final IntakeManagement intake;
  private final JdbcTemplate jdbc;
  private final AuditLog audit;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();

  AssistExchange(AssistRequests requests, FollowUpTasks tasks, DeploymentProperties deployment,
      IntakeManagement intake, JdbcTemplate jdbc, AuditLog audit, PlatformTransactionManager transactions,
      ObjectProvider<Clock> clock) {
    this.requests = requests;
    this.tasks = tasks;
    this.deployment = deployment;
    this.intake = intake;
    this.jdbc = jdbc;
    this.audit = audit;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  /** This instance's id, as written into the files it sends. */
  String instanceId() {
    return deployment.instanceId();
  }

  /** Requests of one direction in the caller's jurisdiction, masked for the caller. */
  Map<String, Object> list(Caller caller, String direction, Paging paging) {
    String d = direction(direction);
    List<AssistView> items = requests.list(d, caller.scope(), paging).stream()
        .map(r -> view(r, caller)).toList();
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("items", items);
    page.put("page", paging.page());
    page.put("size", paging.size());
    page.put("total", requests.count(d, caller.scope()));
    return page;
  }

  /**
   * Writes the outgoing requests created since {@code since} (all if null) as NDJSON, after writing an
   * audit row for every person in them.
   */
  void export(Caller caller, Instant since, HttpServletRequest request, OutputStream out) {
    List<AssistRequests.Row> rows = requests.outgoingSince(caller.scope(),
        since == null ? Instant.EPOCH : since);
    audit.recordAll(caller, AuditLog.ASSIST_EXPORT,
        rows.stream().map(AssistRequests.Row::personId).toList(), request);
    try {
      for (AssistRequests.Row r : rows) {
        out.write(json.writeValueAsBytes(fields(r.record())));
        out.write('\n');
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fields of one exported line, in written order. */
  static Map<String, String> fields(AssistRecord r) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("format", AssistFormat.VERSION_1);
    m.put("instance", r.instance());
    m.put("source_case", r.sourceCase());
    m.put("id_number", r.idNumber());
    m.put("name", r.name());
    m.put("phone", r.phone() == null ? "" : r.phone());
    m.put("home_division", r.homeDivision());
    m.put("category", r.category());
    m.put("via", r.via());
    m.put("place", r.place());
    m.put("first_exposure", IsoTime.format(r.firstExposure()));
    m.put("last_exposure", IsoTime.format(r.lastExposure()));
    return m;
  }

  /** A checked line of an import. */
  private record Line(long line, AssistRecord record) {
  }

  /**
   * Takes in an assist request file (NDJSON, or CSV with the same header when {@code syntax} says so).
   *
   * @throws org.cordon.core.exchange.ExchangeFormatException for a file that cannot be read at all
   */
  AssistImportReport importFile(Caller caller, ExchangeSyntax syntax, InputStream in,
      HttpServletRequest request) {
    RecordReader<AssistRecord> reader = new RecordReader<>(new AssistFormat(), syntax,
        new InputStreamReader(in, StandardCharsets.UTF_8));
    List<AssistImportReport.LineError> errors = new ArrayList<>();
    List<Line> lines = new ArrayList<>();
    long read = 0;
    for (ParsedRow<AssistRecord> row = reader.next(); row != null; row = reader.next()) {
      read++;
      if (read > MAX_LINES) {
        errors.add(new AssistImportReport.LineError(row.line(), "more than " + MAX_LINES
            + " lines in one import; split the file"));
        break;
      }
      if (!row.ok()) {
        errors.add(new AssistImportReport.LineError(row.line(), row.error()));
      } else if (row.record().instance().equals(deployment.instanceId())) {
        errors.add(new AssistImportReport.LineError(row.line(), "instance '" + row.record().instance()
            + "' is this instance: a file cannot be imported where it was exported"));
      } else {
        lines.add(new Line(row.line(), row.record()));
      }
    }
    if (!errors.isEmpty()) {
      return new AssistImportReport(read, 0, 0, 0, 0, errors, false);
    }
    List<Line> mine = new ArrayList<>();
    int skipped = 0;
    for (Line l : lines) {
      String home = l.record().homeDivision();
      if (deployment.covers(home) && caller.scope().contains(home)) {
        mine.add(l);
      } else {
        skipped++;
      }
    }
    Map<String, Long> persons = new LinkedHashMap<>();
    int created = 0;
    for (Line l : mine) {
      String number = l.record().idNumber();
      if (!persons.containsKey(number)) {
        Long found = personByIdNumber(number);
        if (found == null) {
          found = createPerson(l.record());
          created++;
        }
        persons.put(number, found);
      }
    }
    int[] counts = new int[2];
    Instant now = clock.instant();
    tx.executeWithoutResult(s -> {
      Set<String> seen = new HashSet<>();
      List<Long> audited = new ArrayList<>();
      for (Line l : mine) {
        AssistRecord r = l.record();
        if (!seen.add(r.instance() + "\u0000" + r.sourceCase() + "\u0000" + r.idNumber())
            || requests.incoming(r).isPresent()) {
          counts[1]++;
          continue;
        }
        long personId = persons.get(r.idNumber());
        long id = requests.insertIncoming(personId, r, caller.name(), now);
        tasks.insert(List.of(new FollowUpTasks.NewTask(null, id, personId, r.category(),
            r.homeDivision())), caller.name(), now);
        audited.add(personId);
        counts[0]++;
      }
      audit.recordAll(caller, AuditLog.ASSIST_IMPORT, audited, request);
    });
    return new AssistImportReport(read, counts[0], counts[1], skipped, created, List.of(), true);
  }

  private Long personByIdNumber(String idNumber) {
    return jdbc.query("select person_id from person where id_number = ?", (rs, n) -> rs.getLong(1),
        idNumber).stream().findFirst().orElse(null);
  }

  private long createPerson(AssistRecord r) {
    Long id = jdbc.queryForObject("select nextval('assist_person_seq')", Long.class);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("person_id", Long.toString(id));
    fields.put("household_id", Long.toString(id));
    fields.put("home_division", r.homeDivision());
    fields.put("id_number", r.idNumber());
    fields.put("name", r.name());
    fields.put("phone", r.phone() == null ? "" : r.phone());
    intake.ingestEvent(RecordKind.PERSONS, fields);
    return id;
  }

  private static AssistView view(AssistRequests.Row r, Caller caller) {
    boolean fullId = caller.may(Permission.SEE_FULL_IDENTITY_NUMBER);
    boolean fullPhone = caller.may(Permission.SEE_FULL_PHONE);
    AssistRecord a = r.record();
    org.cordon.core.person.IdentityNumber number = org.cordon.core.person.IdentityNumber.of(a.idNumber());
    String phone = a.phone();
    String maskedPhone = phone == null ? null : new org.cordon.core.person.Person(1, 1,
        org.cordon.core.place.DivisionCode.of(a.homeDivision()), number, a.name(), phone, null)
        .maskedPhone();
    return new AssistView(r.requestId(), r.direction(), a.instance(), a.sourceCase(), r.caseId(),
        r.personId(), a.name(), fullId ? number.value() : number.masked(), !fullId,
        fullPhone ? phone : maskedPhone, !fullPhone, a.homeDivision(), a.category(), a.via(), a.place(),
        a.firstExposure().atOffset(IsoTime.writeOffset()), a.lastExposure().atOffset(IsoTime.writeOffset()),
        r.createdAt(), r.taskId());
  }

  static String direction(String direction) {
    String d = direction == null || direction.isBlank() ? "outgoing" : direction.strip();
    if (!d.equals("outgoing") && !d.equals("incoming")) {
      throw new IllegalArgumentException("direction '" + direction + "' is not outgoing or incoming");
    }
    return d;
  }
}
