package org.cordon.server.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cordon.core.exchange.ExchangeFormats;
import org.cordon.core.exchange.RecordFormat;
import org.cordon.core.exchange.RecordKind;
import org.cordon.core.person.IdentityNumber;
import org.cordon.core.person.Person;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.GeoPoint;

/**
 * Stores persons. A person already stored with identical details is a duplicate; one stored with other
 * details, or a new person whose identity number belongs to someone else, is refused with the reason.
 * Each chunk is checked against the table with two indexed look-ups, then inserted (COPY on PostgreSQL,
 * a JDBC batch on H2); earlier chunks of the same upload are visible to the check, so duplicates within
 * one upload are caught too.
 */
final class JdbcPersons implements RecordStore<Person> {

  private static final String COLUMNS = "person_id, household_id, home_division, id_number, name, phone, lat, lon";

  private final Database database;
  private final KnownIds known;

  JdbcPersons(Database database, KnownIds known) {
    this.database = database;
    this.known = known;
  }

  @Override
  public RecordKind kind() {
    return RecordKind.PERSONS;
  }

  @Override
  public RecordFormat<Person> format() {
    return ExchangeFormats.PERSONS;
  }

  @Override
  public String check(Person record, Instant latest, IntakeScope scope) {
    String outside = scope.outside("home_division", record.homeDivision());
    if (outside != null) {
      return outside;
    }
    // the column's width; the record allows a leading '+' on top of 20 digits
    return record.phone() != null && record.phone().length() > 20
        ? "phone is longer than 20 characters" : null;
  }

  @Override
  public boolean writeFindsErrors() {
    return true;
  }

  @Override
  public Batch<Person> open(IntakeScope scope, long ingestBatch) {
    return new Batch<>() {
      private long[] accepted = new long[1024];
      private int count;

      @Override
      public ChunkOutcome write(Connection c, List<Line<Person>> chunk) {
        try {
          ChunkOutcome outcome = writeChunk(c, chunk, scope, ingestBatch, id -> {
            if (count == accepted.length) {
              accepted = java.util.Arrays.copyOf(accepted, count * 2);
            }
            accepted[count++] = id;
          });
          return outcome;
        } catch (SQLException e) {
          throw StoreFailure.of("storing persons", e);
        }
      }

      @Override
      public void committed() {
        known.addPersons(accepted, count);
      }
    };
  }

  private ChunkOutcome writeChunk(Connection c, List<Line<Person>> chunk, IntakeScope scope,
      long ingestBatch, java.util.function.LongConsumer onAccept) throws SQLException {
    Map<Long, Person> storedById = new HashMap<>();
    Map<String, Owner> storedByNumber = new HashMap<>();
    loadExisting(c, chunk, storedById, storedByNumber);
    Map<Long, Line<Person>> chunkById = new HashMap<>();
    Map<String, Line<Person>> chunkByNumber = new HashMap<>();
    List<Person> fresh = new ArrayList<>(chunk.size());
    List<RowError> errors = new ArrayList<>();
    int duplicates = 0;
    for (Line<Person> l : chunk) {
      Person p = l.record();
      String number = p.idNumber().value();
      Person stored = storedById.get(p.personId());
      Owner owner = storedByNumber.get(number);
      Line<Person> sameId = chunkById.get(p.personId());
      Line<Person> sameNumber = chunkByNumber.get(number);
      if (stored != null || (sameId != null && sameId.record().equals(p))) {
        if ((stored != null ? stored : sameId.record()).equals(p)) {
          duplicates++;
        } else {
          errors.add(new RowError(l.line(), "person_id " + p.personId()
              + " is already stored with other details"));
        }
      } else if (sameId != null) {
        errors.add(new RowError(l.line(), "person_id " + p.personId()
            + " appears again with other details (first on line " + sameId.line() + ")"));
      } else if (owner != null) {
        // who holds the number is the caller's business only within its jurisdiction
        errors.add(new RowError(l.line(), "duplicate id_number " + p.idNumber().masked()
            + (scope.admits(owner.homeDivision()) ? ": it belongs to person_id " + owner.personId()
                : ": it belongs to a person outside your jurisdiction")));
      } else if (sameNumber != null) {
        errors.add(new RowError(l.line(), "duplicate id_number " + p.idNumber().masked()
            + ": also on line " + sameNumber.line()));
      } else {
        chunkById.put(p.personId(), l);
        chunkByNumber.put(number, l);
        fresh.add(p);
        onAccept.accept(p.personId());
      }
    }
    insert(c, fresh, ingestBatch);
    return new ChunkOutcome(fresh.size(), duplicates, errors);
  }

  /** The stored holder of an identity number. */
  private record Owner(long personId, String homeDivision) {
  }

  private void loadExisting(Connection c, List<Line<Person>> chunk, Map<Long, Person> byId,
      Map<String, Owner> byNumber) throws SQLException {
    Object[] ids = new Object[chunk.size()];
    Object[] numbers = new Object[chunk.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = chunk.get(i).record().personId();
      numbers[i] = chunk.get(i).record().idNumber().value();
    }
    // H2 probes an index per element of a joined array table some 30 times faster than for "= any(?)"
    boolean h2 = database == Database.H2;
    try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + (h2
        ? " from table(k bigint = ?) t join person p on p.person_id = t.k"
        : " from person where person_id = any(?)"))) {
      ps.setArray(1, c.createArrayOf("bigint", ids));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Person p = read(rs);
          byId.put(p.personId(), p);
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("select person_id, id_number, home_division" + (h2
        ? " from table(n char(18) = ?) t join person p on p.id_number = t.n"
        : " from person where id_number = any(?)"))) {
      ps.setArray(1, c.createArrayOf("varchar", numbers));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byNumber.put(rs.getString(2), new Owner(rs.getLong(1), rs.getString(3)));
        }
      }
    }
  }

  private static Person read(ResultSet rs) throws SQLException {
    double lat = rs.getDouble(7);
    boolean noPoint = rs.wasNull();
    double lon = rs.getDouble(8);
    return new Person(rs.getLong(1), rs.getLong(2), new DivisionCode(rs.getString(3)),
        new IdentityNumber(rs.getString(4)), rs.getString(5), rs.getString(6),
        noPoint ? null : new GeoPoint(lat, lon));
  }

  private void insert(Connection c, List<Person> persons, long ingestBatch) throws SQLException {
    if (persons.isEmpty()) {
      return;
    }
    if (database == Database.POSTGRESQL) {
      StringBuilder sb = new StringBuilder(persons.size() * 120);
      for (Person p : persons) {
        sb.append(p.personId()).append('\t').append(p.householdId()).append('\t')
            .append(p.homeDivision().value()).append('\t').append(p.idNumber().value()).append('\t');
        PgCopy.appendText(p.name(), sb);
        sb.append('\t');
        PgCopy.appendText(p.phone(), sb);
        sb.append('\t');
        if (p.home() == null) {
          sb.append("\\N\t\\N");
        } else {
          sb.append(p.home().lat()).append('\t').append(p.home().lon());
        }
        sb.append('\t').append(ingestBatch).append('\n');
      }
      PgCopy.copy(c, "copy person (" + COLUMNS + ", ingest_batch) from stdin", sb);
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("insert into person (" + COLUMNS
        + ", ingest_batch) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Person p : persons) {
        ps.setLong(1, p.personId());
        ps.setLong(2, p.householdId());
        ps.setString(3, p.homeDivision().value());
        ps.setString(4, p.idNumber().value());
        ps.setString(5, p.name());
        ps.setString(6, p.phone());
        if (p.home() == null) {
          ps.setNull(7, Types.DOUBLE);
          ps.setNull(8, Types.DOUBLE);
        } else {
          ps.setDouble(7, p.home().lat());
          ps.setDouble(8, p.home().lon());
        }
        ps.setLong(9, ingestBatch);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
