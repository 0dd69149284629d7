package org.cordon.server.healthcode;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.cordon.core.healthcode.CodeChange;
import org.cordon.core.healthcode.Reason;
import org.cordon.server.intake.Database;
import org.cordon.server.intake.PgCopy;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Tables {@code health_code_fact} and {@code health_code_change}: the facts codes are computed from
 * (replayed into the engine at start-up) and every change with its cause; {@code health_code_fact_archive}
 * keeps the facts pruned because they can no longer matter (not replayed).
 */
@Repository
class HealthCodeStore {

  /** A stored fact row. */
  record FactRow(long factId, FactCodec.Stored fact, String source, Instant recordedAt) {
  }

  /** A change ready to store: the engine's change and the words for its cause. */
  record ChangeRow(CodeChange change, String cause) {
  }

  private final JdbcTemplate jdbc;
  private final JdbcClient client;
  private final Database database;

  HealthCodeStore(JdbcTemplate jdbc, JdbcClient client, Database database) {
    this.jdbc = jdbc;
    this.client = client;
    this.database = database;
  }

  /** Rows per JDBC batch when inserting facts. */
  private static final int FACT_BATCH = 1000;
  /** From this many rows, PostgreSQL gets them by {@code COPY} with ids drawn beforehand. */
  private static final int COPY_FROM = 2_000;
  /** Rows per {@code COPY}. */
  private static final int COPY_CHUNK = 50_000;

  /**
   * Inserts facts (in the caller's transaction, or one of their own) and returns their ids in order: on
   * PostgreSQL, from {@value #COPY_FROM} rows, by {@code COPY} with a block of ids reserved from the
   * table's sequence first (a lab upload of a city's round is hundreds of thousands of tube rows);
   * otherwise in JDBC batches.
   */
  @org.springframework.transaction.annotation.Transactional
  List<Long> insertFacts(List<FactCodec.Stored> facts, String source, Instant recordedAt) {
    String by = source.length() > 64 ? source.substring(0, 64) : source;
    List<Long> ids = facts.size() >= COPY_FROM && database == Database.POSTGRESQL ? copyFacts(facts, by, recordedAt)
        : batchFacts(facts, by, recordedAt);
    if (ids.size() != facts.size()) {
      throw new IllegalStateException("inserted " + facts.size() + " facts but got " + ids.size() + " ids");
    }
    return ids;
  }

  private List<Long> batchFacts(List<FactCodec.Stored> facts, String by, Instant recordedAt) {
    List<Long> ids = new ArrayList<>(facts.size());
    for (int from = 0; from < facts.size(); from += FACT_BATCH) {
      List<FactCodec.Stored> chunk = facts.subList(from, Math.min(facts.size(), from + FACT_BATCH));
      GeneratedKeyHolder keys = new GeneratedKeyHolder();
      jdbc.batchUpdate(c -> c.prepareStatement("insert into health_code_fact (person_id, kind, "
          + "occurred_at, detail, source, recorded_at, members) values (?, ?, ?, ?, ?, ?, ?)",
          new String[] {"fact_id"}),
          new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws java.sql.SQLException {
              FactCodec.Stored f = chunk.get(i);
              if (f.members() == null) {
                ps.setLong(1, f.personId());
              } else {
                ps.setNull(1, java.sql.Types.BIGINT);
              }
              ps.setString(2, f.kind());
              ps.setObject(3, utc(f.at()));
              ps.setString(4, f.detail().isEmpty() ? null : FactCodec.detailJson(f.detail()));
              ps.setString(5, by);
              ps.setObject(6, utc(recordedAt));
              ps.setString(7, f.members());
            }

            @Override
            public int getBatchSize() {
              return chunk.size();
            }
          }, keys);
      for (Map<String, Object> row : keys.getKeyList()) {
        ids.add(((Number) row.values().iterator().next()).longValue());
      }
    }
    return ids;
  }

  private List<Long> copyFacts(List<FactCodec.Stored> facts, String by, Instant recordedAt) {
    // A block of ids in one step, not a nextval per row (5 µs each: seconds for a round). Other fact
    // writers wait until this transaction ends (their inserts need ROW EXCLUSIVE), so no default id
    // falls inside the block, and ids keep the order the facts were recorded in.
    jdbc.execute("lock table health_code_fact in share row exclusive mode");
    Long last = jdbc.queryForObject("select setval(pg_get_serial_sequence('health_code_fact', 'fact_id'), "
        + "nextval(pg_get_serial_sequence('health_code_fact', 'fact_id')) + ? - 1)", Long.class, facts.size());
    List<Long> ids = new ArrayList<>(facts.size());
    for (long id = last - facts.size() + 1; id <= last; id++) {
      ids.add(id);
    }
    String recorded = recordedAt.toString();
    for (int from = 0; from < facts.size(); from += COPY_CHUNK) {
      int to = Math.min(facts.size(), from + COPY_CHUNK);
      StringBuilder sb = new StringBuilder((to - from) * 160);
      for (int i = from; i < to; i++) {
        FactCodec.Stored f = facts.get(i);
        sb.append(ids.get(i)).append('\t');
        if (f.members() == null) {
          sb.append(f.personId());
        } else {
          sb.append("\\N");
        }
        sb.append('\t');
        PgCopy.appendText(f.kind(), sb);
        sb.append('\t').append(f.at()).append('\t');
        PgCopy.appendText(f.detail().isEmpty() ? null : FactCodec.detailJson(f.detail()), sb);
        sb.append('\t');
        PgCopy.appendText(by, sb);
        sb.append('\t').append(recorded).append('\t');
        // (FactCodec.tube writes members as digits, '@', '.' and spaces: nothing to escape)
        sb.append(f.members() == null ? "\\N" : f.members());
        sb.append('\n');
      }
      jdbc.execute((java.sql.Connection c) -> PgCopy.copy(c, "copy health_code_fact (fact_id, person_id, kind, "
          + "occurred_at, detail, source, recorded_at, members) from stdin", sb));
    }
    return ids;
  }


  /** Fact rows moved to the archive per transaction. */
  private static final int ARCHIVE_CHUNK = 1000;

  /**
   * Moves the facts with {@code factIds} from {@code health_code_fact} to
   * {@code health_code_fact_archive} (which the start-up replay does not read), {@value #ARCHIVE_CHUNK}
   * rows per transaction of {@code tx}; an id no longer in the table is skipped.
   *
   * @return the rows moved
   */
  int archiveFacts(long[] factIds, Instant archivedAt, org.springframework.transaction.support.TransactionTemplate tx) {
    long[] ids = factIds.clone();
    java.util.Arrays.sort(ids);
    int moved = 0;
    for (int from = 0; from < ids.length; from += ARCHIVE_CHUNK) {
      int to = Math.min(ids.length, from + ARCHIVE_CHUNK);
      List<Object> args = new ArrayList<>(to - from + 1);
      args.add(utc(archivedAt));
      for (int i = from; i < to; i++) {
        args.add(ids[i]);
      }
      String in = "?, ".repeat(to - from - 1) + "?";
      Integer n = tx.execute(status -> {
        int copied = jdbc.update("insert into health_code_fact_archive (fact_id, person_id, kind, occurred_at, "
            + "detail, source, recorded_at, members, archived_at) select fact_id, person_id, kind, occurred_at, "
            + "detail, source, recorded_at, members, ? from health_code_fact where fact_id in (" + in + ")",
            args.toArray());
        jdbc.update("delete from health_code_fact where fact_id in (" + in + ")",
            args.subList(1, args.size()).toArray());
        return copied;
      });
      moved += n == null ? 0 : n;
    }
    return moved;
  }

  /** Every stored fact in the order it was recorded. */
  void forEachFact(Consumer<FactRow> action) {
    jdbc.query("select fact_id, person_id, kind, occurred_at, detail, source, recorded_at, members "
        + "from health_code_fact order by fact_id", rs -> {
          action.accept(new FactRow(rs.getLong(1), new FactCodec.Stored(rs.getLong(2), rs.getString(3),
              rs.getObject(4, OffsetDateTime.class).toInstant(), FactCodec.detailOf(rs.getString(5)),
              rs.getString(8)), rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant()));
        });
  }

  /** Inserts code changes as one JDBC batch. */
  void insertChanges(List<ChangeRow> changes) {
    if (changes.isEmpty()) {
      return;
    }
    jdbc.batchUpdate("insert into health_code_change (person_id, colour, previous, changed_at, until_at, "
        + "reasons, cause) values (?, ?, ?, ?, ?, ?, ?)", changes, 1000, (ps, row) -> {
          CodeChange c = row.change();
          ps.setLong(1, c.personId());
          ps.setString(2, c.to().code());
          ps.setString(3, c.from() == null ? null : c.from().code());
          ps.setObject(4, utc(c.at()));
          Instant until = c.reasons().stream().map(Reason::until).filter(java.util.Objects::nonNull)
              .max(Instant::compareTo).orElse(null);
          ps.setObject(5, until == null ? null : utc(until));
          ps.setString(6, reasons(c.reasons()));
          ps.setString(7, row.cause().length() > 200 ? row.cause().substring(0, 200) : row.cause());
        });
  }

  /** The last recorded colour of every person with a recorded change. */
  Map<Long, String> lastColours() {
    Map<Long, String> out = new HashMap<>();
    jdbc.query("select c.person_id, c.colour from health_code_change c join (select person_id, "
        + "max(change_id) as last_id from health_code_change group by person_id) l "
        + "on c.change_id = l.last_id", rs -> {
          out.put(rs.getLong(1), rs.getString(2));
        });
    return out;
  }

  /** A person's recorded changes, newest first. */
  List<Map<String, Object>> history(long personId, int limit) {
    return client.sql("select colour, previous, changed_at, until_at, reasons, cause from health_code_change "
        + "where person_id = ? order by change_id desc limit ?").params(personId, limit)
        .query((rs, n) -> {
          Map<String, Object> m = new java.util.LinkedHashMap<>();
          m.put("colour", rs.getString(1));
          m.put("previous", rs.getString(2));
          m.put("changedAt", rs.getObject(3, OffsetDateTime.class));
          m.put("until", rs.getObject(4, OffsetDateTime.class));
          m.put("reasons", rs.getString(5));
          m.put("cause", rs.getString(6));
          return m;
        }).list();
  }

  /** Home divisions of the given persons (those stored). */
  Map<Long, String> homes(java.util.Collection<Long> personIds) {
    Map<Long, String> out = new HashMap<>();
    List<Long> ids = new ArrayList<>(personIds);
    for (int from = 0; from < ids.size(); from += 500) {
      List<Long> part = ids.subList(from, Math.min(ids.size(), from + 500));
      client.sql("select person_id, home_division from person where person_id in ("
          + "?, ".repeat(part.size() - 1) + "?)").params(new ArrayList<Object>(part))
          .query(rs -> {
            out.put(rs.getLong(1), rs.getString(2));
          });
    }
    return out;
  }

  /** The home division of a stored person, or null. */
  String home(long personId) {
    return client.sql("select home_division from person where person_id = ?").param(personId)
        .query(String.class).optional().orElse(null);
  }

  /** Reasons as stored: one line each, {@code rule colour: text}, cut to the column's 2,000 characters. */
  static String reasons(List<Reason> reasons) {
    StringBuilder sb = new StringBuilder();
    for (Reason r : reasons) {
      sb.append(sb.isEmpty() ? "" : "\n").append(r.rule().code()).append(' ').append(r.colour().code())
          .append(": ").append(r.textEn());
    }
    return sb.length() > 2000 ? sb.substring(0, 1997) + "..." : sb.toString();
  }

  private static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }
}
