package org.cordon.server.intake;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.cordon.core.exchange.ExchangeFormats;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.exchange.RecordKind;
import org.cordon.core.presence.Dwell;
import org.cordon.core.presence.TripRide;
import org.cordon.core.presence.VenueScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires one store per record kind, with the reference and clock checks of each. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeProperties.class)
class IntakeConfiguration {

  @Bean
  Database intakeDatabase(DataSource dataSource) {
    return Database.of(dataSource);
  }

  @Bean
  RecordStore<org.cordon.core.person.Person> personStore(Database db, KnownIds known) {
    return new JdbcPersons(db, known);
  }

  @Bean
  RecordStore<org.cordon.core.place.Venue> venueStore(KnownIds known) {
    return new JdbcVenues(known);
  }

  @Bean
  RecordStore<VenueScan> scanStore(Database db, KnownIds known) {
    PresenceTable<VenueScan> table = new PresenceTable<>("venue_scan",
        "person_id, venue_id, scan_time, exit_time", (ps, s) -> {
          ps.setLong(1, s.personId());
          ps.setString(2, s.venueId());
          ps.setObject(3, utc(s.time()));
          ps.setObject(4, s.exitTime() == null ? null : utc(s.exitTime()));
        }, (s, sb) -> {
          sb.append(s.personId()).append('\t').append(s.venueId()).append('\t');
          IsoTime.append(s.time(), sb);
          sb.append('\t');
          if (s.exitTime() == null) {
            sb.append("\\N");
          } else {
            IsoTime.append(s.exitTime(), sb);
          }
          sb.append('\n');
        });
    return new JdbcPresenceEvents<>(RecordKind.SCANS, ExchangeFormats.SCANS, table, (s, latest, scope) -> {
      String p = unknownPerson(known, s.personId());
      if (p == null) {
        // the person may live anywhere; the venue must lie in the jurisdiction
        String division = known.venueDivision(s.venueId());
        p = division == null ? "unknown venue '" + s.venueId() + "' (no venue with this venue_id is stored)"
            : scope.venueOutside(s.venueId(), division);
      }
      if (p == null) {
        p = future("time", s.time(), latest);
      }
      return p != null || s.exitTime() == null ? p : future("exit_time", s.exitTime(), latest);
    }, db);
  }

  @Bean
  RecordStore<TripRide> tripStore(Database db, KnownIds known) {
    PresenceTable<TripRide> table = new PresenceTable<>("trip_ride",
        "person_id, trip_id, seat_row, board_time, alight_time", (ps, t) -> {
          ps.setLong(1, t.personId());
          ps.setString(2, t.tripId());
          ps.setObject(3, t.seatRow());
          ps.setObject(4, utc(t.boardTime()));
          ps.setObject(5, utc(t.alightTime()));
        }, (t, sb) -> {
          sb.append(t.personId()).append('\t').append(t.tripId()).append('\t');
          if (t.seatRow() == null) {
            sb.append("\\N");
          } else {
            sb.append(t.seatRow().intValue());
          }
          sb.append('\t');
          IsoTime.append(t.boardTime(), sb);
          sb.append('\t');
          IsoTime.append(t.alightTime(), sb);
          sb.append('\n');
        });
    return new JdbcPresenceEvents<>(RecordKind.TRIPS, ExchangeFormats.TRIPS, table, (t, latest, scope) -> {
      // no jurisdiction rule: a ride has no place, and its person may live anywhere
      String p = unknownPerson(known, t.personId());
      p = p != null ? p : future("board_time", t.boardTime(), latest);
      return p != null ? p : future("alight_time", t.alightTime(), latest);
    }, db);
  }

  @Bean
  RecordStore<Dwell> dwellStore(Database db, KnownIds known) {
    PresenceTable<Dwell> table = new PresenceTable<>("dwell",
        "person_id, cell_id, start_time, end_time", (ps, d) -> {
          ps.setLong(1, d.personId());
          ps.setString(2, d.cellId());
          ps.setObject(3, utc(d.start()));
          ps.setObject(4, utc(d.end()));
        }, (d, sb) -> {
          sb.append(d.personId()).append('\t').append(d.cellId()).append('\t');
          IsoTime.append(d.start(), sb);
          sb.append('\t');
          IsoTime.append(d.end(), sb);
          sb.append('\n');
        });
    return new JdbcPresenceEvents<>(RecordKind.DWELLS, ExchangeFormats.DWELLS, table, (d, latest, scope) -> {
      // no jurisdiction rule: the person may live anywhere, and a grid cell names no division
      String p = unknownPerson(known, d.personId());
      p = p != null ? p : future("start_time", d.start(), latest);
      return p != null ? p : future("end_time", d.end(), latest);
    }, db);
  }

  private static String unknownPerson(KnownIds known, long personId) {
    return known.person(personId) ? null
        : "unknown person " + personId + " (no person with this person_id is stored)";
  }

  private static String future(String field, Instant t, Instant latest) {
    return t.isAfter(latest) ? field + " " + IsoTime.format(t)
        + " is in the future (beyond the allowed clock skew)" : null;
  }

  private static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

}
