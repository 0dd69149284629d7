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
import org.cordon.core.place.ContactClass;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.GeoPoint;
import org.cordon.core.place.Venue;
import org.cordon.core.place.VenueKind;

/**
 * Stores venues. A venue already stored with identical details is a duplicate; one stored with other
 * details is refused. Venues are few (thousands), so a JDBC batch serves both databases.
 */
final class JdbcVenues implements RecordStore<Venue> {

  private static final String COLUMNS = "venue_id, name, kind, division, lat, lon, dwell_minutes, contact_class";

  private final KnownIds known;

  JdbcVenues(KnownIds known) {
    this.known = known;
  }

  @Override
  public RecordKind kind() {
    return RecordKind.VENUES;
  }

  @Override
  public RecordFormat<Venue> format() {
    return ExchangeFormats.VENUES;
  }

  @Override
  public String check(Venue record, Instant latest, IntakeScope scope) {
    String outside = scope.outside("division", record.division());
    if (outside != null) {
      return outside;
    }
    // the column's width; the record itself does not bound names
    return record.name().length() > 200 ? "name is longer than 200 characters" : null;
  }

  @Override
  public boolean writeFindsErrors() {
    return true;
  }

  @Override
  public Batch<Venue> open(IntakeScope scope, long ingestBatch) {
    return new Batch<>() {
      private final Map<String, String> accepted = new HashMap<>();

      @Override
      public ChunkOutcome write(Connection c, List<Line<Venue>> chunk) {
        try {
          return writeChunk(c, chunk, accepted, ingestBatch);
        } catch (SQLException e) {
          throw StoreFailure.of("storing venues", e);
        }
      }

      @Override
      public void committed() {
        known.addVenues(accepted);
      }
    };
  }

  private ChunkOutcome writeChunk(Connection c, List<Line<Venue>> chunk,
      Map<String, String> accepted, long ingestBatch) throws SQLException {
    Map<String, Venue> stored = loadExisting(c, chunk);
    Map<String, Line<Venue>> inChunk = new HashMap<>();
    List<Venue> fresh = new ArrayList<>();
    List<RowError> errors = new ArrayList<>();
    int duplicates = 0;
    for (Line<Venue> l : chunk) {
      Venue v = l.record();
      Venue before = stored.get(v.venueId());
      Line<Venue> earlier = inChunk.get(v.venueId());
      if (before == null && earlier != null) {
        before = earlier.record();
      }
      if (before != null) {
        if (before.equals(v)) {
          duplicates++;
        } else {
          errors.add(new RowError(l.line(), "venue_id " + v.venueId() + (earlier != null
              ? " appears again with other details (first on line " + earlier.line() + ")"
              : " is already stored with other details")));
        }
        continue;
      }
      inChunk.put(v.venueId(), l);
      fresh.add(v);
      accepted.put(v.venueId(), v.division().value());
    }
    insert(c, fresh, ingestBatch);
    return new ChunkOutcome(fresh.size(), duplicates, errors);
  }

  private Map<String, Venue> loadExisting(Connection c, List<Line<Venue>> chunk) throws SQLException {
    Object[] ids = chunk.stream().map(l -> l.record().venueId()).toArray();
    Map<String, Venue> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS
        + " from venue where venue_id = any(?)")) {
      ps.setArray(1, c.createArrayOf("varchar", ids));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          double lat = rs.getDouble(5);
          boolean noPoint = rs.wasNull();
          double lon = rs.getDouble(6);
          Venue v = new Venue(rs.getString(1), rs.getString(2), VenueKind.of(rs.getString(3)),
              new DivisionCode(rs.getString(4)), noPoint ? null : new GeoPoint(lat, lon),
              rs.getInt(7), ContactClass.of(rs.getString(8)));
          out.put(v.venueId(), v);
        }
      }
    }
    return out;
  }

  private static void insert(Connection c, List<Venue> venues, long ingestBatch) throws SQLException {
    if (venues.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("insert into venue (" + COLUMNS
        + ", ingest_batch) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Venue v : venues) {
        ps.setString(1, v.venueId());
        ps.setString(2, v.name());
        ps.setString(3, v.kind().code());
        ps.setString(4, v.division().value());
        if (v.location() == null) {
          ps.setNull(5, Types.DOUBLE);
          ps.setNull(6, Types.DOUBLE);
        } else {
          ps.setDouble(5, v.location().lat());
          ps.setDouble(6, v.location().lon());
        }
        ps.setInt(7, v.dwellMinutes());
        ps.setString(8, v.contactClass().code());
        ps.setLong(9, ingestBatch);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
