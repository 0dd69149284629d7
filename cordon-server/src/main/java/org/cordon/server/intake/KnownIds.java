package org.cordon.server.intake;

import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The person and venue ids stored (venues with their division, for the jurisdiction check of scans),
 * held in memory so that checking millions of scans for an unknown person or venue costs a hash probe,
 * not a query. Loaded from the database on first use and kept
 * current by intake, which adds ids only after their batch committed. Assumes intake is the only
 * writer of {@code person} and {@code venue}.
 */
@Component
public class KnownIds {

  private final JdbcTemplate jdbc;
  private LongSet persons;
  /** venue id → division code; venues are thousands, not millions. */
  private Map<String, String> venues;

  KnownIds(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Whether each person id is stored; one lock for the whole array. */
  public synchronized boolean person(long personId) {
    load();
    return persons.contains(personId);
  }

  public synchronized boolean venue(String venueId) {
    load();
    return venues.containsKey(venueId);
  }

  /** The division of a stored venue, or {@code null} if the venue is not stored. */
  public synchronized String venueDivision(String venueId) {
    load();
    return venues.get(venueId);
  }

  /** Marks {@code ids[0..count)} as stored, after their batch committed. */
  synchronized void addPersons(long[] ids, int count) {
    load();
    for (int i = 0; i < count; i++) {
      persons.add(ids[i]);
    }
  }

  /** Marks venues (id → division) as stored, after their batch committed. */
  synchronized void addVenues(Map<String, String> divisionsById) {
    load();
    venues.putAll(divisionsById);
  }

  /** Number of person ids known, loading them if needed. */
  public synchronized int personCount() {
    load();
    return persons.size();
  }

  private void load() {
    if (persons != null) {
      return;
    }
    Integer n = jdbc.queryForObject("select count(*) from person", Integer.class);
    LongSet p = new LongSet(n == null ? 0 : n);
    jdbc.query("select person_id from person", rs -> {
      p.add(rs.getLong(1));
    });
    Map<String, String> v = new HashMap<>();
    jdbc.query("select venue_id, division from venue", rs -> {
      v.put(rs.getString(1), rs.getString(2));
    });
    persons = p;
    venues = v;
  }
}
