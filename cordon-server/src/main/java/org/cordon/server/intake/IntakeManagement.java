package org.cordon.server.intake;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.cordon.core.exchange.ExchangeFormatException;
import org.cordon.core.exchange.ExchangeSyntax;
import org.cordon.core.exchange.ParsedRow;
import org.cordon.core.exchange.RecordKind;
import org.cordon.core.exchange.RecordReader;
import org.cordon.core.place.Ids;
import org.cordon.core.presence.VenueScan;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes persons, venues and presence events in: whole uploads streamed row by row, and single events.
 *
 * <p>An upload is one transaction. Strict (the default): if any row is bad nothing is stored and the
 * report lists the bad rows. Partial: good rows are stored, bad rows reported. Either way the answer
 * comes only after the commit, so an acknowledged upload is durable and a crash before it leaves no
 * trace. Re-sent rows identical to stored ones are counted as duplicates, not stored again.
 * Every upload and event is read within an {@link IntakeScope}: rows outside the caller's
 * jurisdiction are bad rows like any other. The methods without a scope admit the whole country; they
 * are for code that runs without a caller (the demo loader, benchmarks). Thread-safe; uploads run in
 * parallel, each on its own connection. After every committed upload, and every stored single event,
 * it publishes a {@link PresenceDataChanged}.
 */
@Service
public class IntakeManagement {

  /**
   * From this many scans a group given to {@link #storeScans} takes the upload's path on PostgreSQL
   * ({@code COPY} under a savepoint) instead of one statement of arrays: its extra round trips no longer
   * count, and PostgreSQL copies rows for less CPU than it inserts them from arrays (the checkpoint entry
   * file's loader, hundreds a batch). A caller storing rows of its own beside the scans copies them
   * from the same size.
   */
  public static final int GROUP_COPY_FROM = 256;

  /** Largest client event id accepted. */
  public static final int MAX_CLIENT_EVENT_ID = 64;

  private final Map<RecordKind, RecordStore<?>> stores = new EnumMap<>(RecordKind.class);
  private final TransactionTemplate tx;
  private final JdbcTemplate jdbc;
  private final IntakeProperties properties;
  private final Clock clock;
  private final Database database;
  private final DataSource dataSource;
  private final KnownIds known;
  private final ApplicationEventPublisher events;
  private final IngestBatches batches;

  IntakeManagement(List<RecordStore<?>> stores, PlatformTransactionManager transactions,
      JdbcTemplate jdbc, IntakeProperties properties, ObjectProvider<Clock> clock, Database database,
      DataSource dataSource, KnownIds known, ApplicationEventPublisher events, IngestBatches batches) {
    this.events = events;
    this.batches = batches;
    this.database = database;
    this.dataSource = dataSource;
    this.known = known;
    for (RecordStore<?> s : stores) {
      this.stores.put(s.kind(), s);
    }
    this.tx = new TransactionTemplate(transactions);
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  /**
   * Reads an upload of {@code kind} in {@code syntax} (UTF-8) to its end and stores it, with no
   * jurisdiction limit ({@link IntakeScope#WHOLE_COUNTRY}).
   *
   * @throws ExchangeFormatException when the header is bad (nothing stored)
   * @throws java.io.UncheckedIOException when the input breaks off (nothing stored)
   */
  public IntakeReport ingest(RecordKind kind, ExchangeSyntax syntax, InputStream in, boolean partial) {
    return ingest(kind, syntax, in, StandardCharsets.UTF_8, partial, IntakeScope.WHOLE_COUNTRY);
  }

  /**
   * As {@link #ingest(RecordKind, ExchangeSyntax, InputStream, boolean)} in {@code charset}; rows
   * outside {@code scope} are bad rows ({@code "home_division 140202001001 is outside your
   * jurisdiction 1401"}).
   */
  public IntakeReport ingest(RecordKind kind, ExchangeSyntax syntax, InputStream in, Charset charset,
      boolean partial, IntakeScope scope) {
    return ingestWith(stores.get(kind), syntax, in, charset, partial, scope);
  }

  private <T> IntakeReport ingestWith(RecordStore<T> store, ExchangeSyntax syntax, InputStream in,
      Charset charset, boolean partial, IntakeScope scope) {
    // loaded before the writer thread owns the connection: checks must not touch the database
    known.personCount();
    long ingestBatch = batches.open();
    try {
      return ingestWith(store, syntax, in, charset, partial, scope, ingestBatch);
    } finally {
      batches.close(ingestBatch);
    }
  }

  private <T> IntakeReport ingestWith(RecordStore<T> store, ExchangeSyntax syntax, InputStream in,
      Charset charset, boolean partial, IntakeScope scope, long ingestBatch) {
    RecordStore.Batch<T> batch = store.open(scope, ingestBatch);
    ReportBuilder report = new ReportBuilder(store.kind().code(), properties.maxErrors());
    Boolean stored = tx.execute(status -> {
      try (ChunkPipeline<T> writer = new ChunkPipeline<>(batch, DataSourceUtils.getConnection(dataSource),
          report)) {
        read(store, writer, new RecordReader<>(store.format(), syntax, new InputStreamReader(in, charset)),
            report, partial, scope);
        writer.finish();
      }
      if (!partial && report.rejected > 0) {
        status.setRollbackOnly();
        return false;
      }
      report.add(batch.beforeCommit(DataSourceUtils.getConnection(dataSource)));
      return true;
    });
    boolean committed = Boolean.TRUE.equals(stored);
    if (committed) {
      makeDurable();
      // before committed(): a later row that names what this upload stored is checked against the
      // known ids, so its event comes after this one
      events.publishEvent(new PresenceDataChanged(store.kind(), ingestBatch));
      batch.committed();
    }
    return report.build(committed);
  }

  private <T> void read(RecordStore<T> store, ChunkPipeline<T> writer, RecordReader<T> reader,
      ReportBuilder report, boolean partial, IntakeScope scope) {
    int chunkRows = properties.chunkRows();
    List<Line<T>> chunk = new ArrayList<>(Math.min(chunkRows, 1 << 16));
    Instant latest = latest();
    boolean writing = true;
    while (true) {
      ParsedRow<T> row;
      try {
        row = reader.next();
      } catch (ExchangeFormatException e) {
        if (report.lines == 0 && e.line() <= 1) {
          throw e;
        }
        // the rest of the input cannot be read: that row fails, what came before stands
        report.lines++;
        report.reject(e.line(), e.reason() + "; the rest of the input was not read");
        break;
      }
      if (row == null) {
        break;
      }
      if ((++report.lines & 0xFFF) == 0) {
        latest = latest();
      }
      String problem = row.ok() ? store.check(row.record(), latest, scope) : row.error();
      if (problem != null) {
        report.reject(row.line(), problem);
      } else if (writing) {
        chunk.add(new Line<>(row.line(), row.record()));
      }
      if (!partial && report.rejected > 0 && writing
          && (!store.writeFindsErrors() || report.errorsFull())) {
        // the upload will be rolled back; only reading on, for the error report
        writing = false;
        chunk.clear();
      }
      if (chunk.size() >= chunkRows) {
        writer.submit(chunk);
        chunk = new ArrayList<>(Math.min(chunkRows, 1 << 16));
      }
    }
    if (writing && !chunk.isEmpty()) {
      writer.submit(chunk);
    }
  }

  private Instant latest() {
    return clock.instant().plus(properties.maxClockSkew());
  }

  /**
   * Stores one event given as field name → value (the CSV column names; {@code clientEventId} or
   * {@code client_event_id} optional), with no jurisdiction limit. A re-send with a known client
   * event id, or an event identical to a stored one, is acknowledged as a duplicate.
   *
   * @throws RejectedEventException saying why the event cannot be stored
   */
  public EventReceipt ingestEvent(RecordKind kind, Map<String, String> fields) {
    return ingestEvent(kind, fields, IntakeScope.WHOLE_COUNTRY);
  }

  /**
   * As {@link #ingestEvent(RecordKind, Map)}; an event outside {@code scope} is rejected with the
   * reason.
   */
  public EventReceipt ingestEvent(RecordKind kind, Map<String, String> fields, IntakeScope scope) {
    return ingestEventWith(stores.get(kind), fields, scope);
  }

  private <T> EventReceipt ingestEventWith(RecordStore<T> store, Map<String, String> given,
      IntakeScope scope) {
    Map<String, String> fields = new LinkedHashMap<>(given);
    String a = fields.remove("clientEventId");
    String b = fields.remove("client_event_id");
    String clientEventId = a != null ? a : b;
    T record;
    try {
      if (clientEventId != null) {
        Ids.requireToken("clientEventId", clientEventId, MAX_CLIENT_EVENT_ID);
      }
      record = RecordReader.fromFields(store.format(), fields);
    } catch (IllegalArgumentException e) {
      throw new RejectedEventException(e.getMessage());
    }
    String problem = store.check(record, latest(), scope);
    if (problem != null) {
      throw new RejectedEventException(problem);
    }
    long ingestBatch = batches.open();
    try {
      return ingestEventWith(store, record, clientEventId, scope, ingestBatch);
    } finally {
      batches.close(ingestBatch);
    }
  }

  private <T> EventReceipt ingestEventWith(RecordStore<T> store, T record, String clientEventId,
      IntakeScope scope, long ingestBatch) {
    RecordStore.Batch<T> batch = store.open(scope, ingestBatch);
    String kind = store.kind().code();
    EventReceipt receipt = tx.execute(status -> {
      if (clientEventId != null && jdbc.update("insert into client_event (client_event_id, kind, "
          + "received_at) values (?, ?, ?) on conflict do nothing", clientEventId, kind,
          OffsetDateTime.now(clock)) == 0) {
        return new EventReceipt(kind, clientEventId, true);
      }
      java.sql.Connection connection = DataSourceUtils.getConnection(dataSource);
      ChunkOutcome outcome = batch.write(connection, List.of(new Line<>(1, record)));
      if (outcome.errors().isEmpty()) {
        outcome = outcome.plus(batch.beforeCommit(connection));
      }
      if (!outcome.errors().isEmpty()) {
        throw new RejectedEventException(outcome.errors().get(0).reason());
      }
      return new EventReceipt(kind, clientEventId, outcome.duplicates() > 0);
    });
    makeDurable();
    if (receipt != null && !receipt.duplicate()) {
      events.publishEvent(new PresenceDataChanged(store.kind(), ingestBatch));
    }
    batch.committed();
    return receipt;
  }

  /**
   * Stores a group of single venue scans in one transaction, together with what {@code sameTransaction}
   * writes on the same connection (the caller's own rows about these scans), and makes the group
   * durable before it returns: the group commit behind the venue checkpoint, which acknowledges many
   * entries with one commit and one sync instead of one each. Every scan is checked as a single event
   * is, within the whole country; the first bad one fails the whole group and nothing is stored.
   * PostgreSQL: one prepared statement over arrays ({@link PgScanGroup}), not the upload's COPY path.
   *
   * @return how many scans were new (an identical stored scan is a no-op)
   * @throws RejectedEventException naming the first bad scan (nothing stored)
   */
  public int storeScans(List<VenueScan> scans, Consumer<java.sql.Connection> sameTransaction) {
    return storeScans(scans, sameTransaction, null);
  }

  /**
   * As {@link #storeScans(List, Consumer)}; on PostgreSQL, when {@code sameStatement} is given, it is
   * run instead of {@code sameTransaction}, in the one statement that stores the scans, in autocommit
   * (two round trips a group in all, the batch number's and this one, instead of four). On H2
   * {@code sameTransaction} is used.
   */
  public int storeScans(List<VenueScan> scans, Consumer<java.sql.Connection> sameTransaction,
      SameStatement sameStatement) {
    @SuppressWarnings("unchecked")
    RecordStore<VenueScan> store = (RecordStore<VenueScan>) stores.get(RecordKind.SCANS);
    Instant latest = latest();
    List<Line<VenueScan>> lines = new ArrayList<>(scans.size());
    for (VenueScan scan : scans) {
      String problem = store.check(scan, latest, IntakeScope.WHOLE_COUNTRY);
      if (problem != null) {
        throw new RejectedEventException(problem);
      }
      lines.add(new Line<>(lines.size() + 1, scan));
    }
    long ingestBatch = batches.open();
    try {
      if (database == Database.POSTGRESQL && sameStatement != null) {
        return storeScansInOneStatement(lines, sameStatement, ingestBatch);
      }
      return storeScansWith(store, lines, sameTransaction, ingestBatch);
    } finally {
      batches.close(ingestBatch);
    }
  }

  private int storeScansInOneStatement(List<Line<VenueScan>> lines, SameStatement same, long ingestBatch) {
    int stored;
    try (java.sql.Connection c = dataSource.getConnection()) {
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      // PostgreSQL has committed and synced the WAL when this returns (synchronous_commit)
      stored = PgScanGroup.insert(c, lines, ingestBatch, same);
    } catch (java.sql.SQLException e) {
      throw StoreFailure.of("storing venue scans", e);
    }
    if (stored > 0) {
      events.publishEvent(new PresenceDataChanged(RecordKind.SCANS, ingestBatch));
    }
    return stored;
  }

  private int storeScansWith(RecordStore<VenueScan> store, List<Line<VenueScan>> lines,
      Consumer<java.sql.Connection> sameTransaction, long ingestBatch) {
    RecordStore.Batch<VenueScan> batch = store.open(IntakeScope.WHOLE_COUNTRY, ingestBatch);
    Integer stored = tx.execute(status -> {
      java.sql.Connection connection = DataSourceUtils.getConnection(dataSource);
      sameTransaction.accept(connection);
      if (lines.isEmpty()) {
        return 0;
      }
      if (database == Database.POSTGRESQL && lines.size() < GROUP_COPY_FROM) {
        try {
          return PgScanGroup.insert(connection, lines, ingestBatch);
        } catch (java.sql.SQLException e) {
          throw StoreFailure.of("storing venue scans", e);
        }
      }
      ChunkOutcome outcome = batch.write(connection, lines);
      outcome = outcome.plus(batch.beforeCommit(connection));
      return outcome.inserted();
    });
    makeDurable();
    batch.committed();
    if (stored != null && stored > 0) {
      events.publishEvent(new PresenceDataChanged(RecordKind.SCANS, ingestBatch));
    }
    return stored == null ? 0 : stored;
  }

  /**
   * H2 writes committed transactions to its file only about once a second, so a crash right after an
   * acknowledgement would lose it (shown by IntakeKillIT). A checkpoint writes and syncs them before
   * we answer. PostgreSQL has synced its WAL at commit already.
   */
  private void makeDurable() {
    if (database == Database.H2) {
      jdbc.execute("checkpoint sync");
    }
  }
}
