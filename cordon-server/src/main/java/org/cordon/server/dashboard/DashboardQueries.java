package org.cordon.server.dashboard;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cordon.core.place.DivisionCode;
import org.cordon.server.security.Jurisdiction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Grouped counts over {@code person}, {@code venue} and {@code venue_scan}. */
@Repository
public class DashboardQueries {

  /** Counts per division-code prefix; prefixes shorter than asked for are divisions above the level. */
  public record Grouped(Map<String, Long> byPrefix) {
    /** The sum over all prefixes. */
    public long total() {
      return byPrefix.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final JdbcClient jdbc;

  public DashboardQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Persons under {@code scope}, grouped by the first {@code prefixLength} digits of their home. */
  public Grouped persons(Jurisdiction scope, int prefixLength) {
    return grouped("select " + prefix("home_division", prefixLength) + ", count(*) from person where "
        + Jurisdiction.predicate("home_division") + " group by "
        + prefix("home_division", prefixLength), List.of(scope.likePattern()));
  }

  /** Venues under {@code scope}, grouped by the first {@code prefixLength} digits of their division. */
  public Grouped venues(Jurisdiction scope, int prefixLength) {
    return grouped("select " + prefix("division", prefixLength) + ", count(*) from venue where "
        + Jurisdiction.predicate("division") + " group by " + prefix("division", prefixLength),
        List.of(scope.likePattern()));
  }

  /** Scans in {@code [from, to)} at venues under {@code scope}, grouped by the venue's division. */
  public Grouped scans(Jurisdiction scope, int prefixLength, OffsetDateTime from, OffsetDateTime to) {
    return grouped("select " + prefix("v.division", prefixLength) + ", count(*) from venue_scan s "
        + "join venue v on v.venue_id = s.venue_id where " + Jurisdiction.predicate("v.division")
        + " and s.scan_time >= ? and s.scan_time < ? group by " + prefix("v.division", prefixLength),
        List.of(scope.likePattern(), from, to));
  }

  private static String prefix(String column, int length) {
    if (length < 2 || length > 12) {
      throw new IllegalArgumentException("prefix length must be 2..12, got " + length);
    }
    return "substring(" + column + " from 1 for " + length + ")";
  }

  private Grouped grouped(String sql, List<Object> params) {
    Map<String, Long> counts = new TreeMap<>();
    jdbc.sql(sql).params(params).query((rs, n) -> counts.merge(rs.getString(1), rs.getLong(2),
        Long::sum)).list();
    return new Grouped(counts);
  }

  /** The length of the codes one level below {@code code}, or 0 for a village/community. */
  static int childLength(DivisionCode code) {
    return switch (code.level()) {
      case 1 -> 4;
      case 2 -> 6;
      case 3 -> 9;
      case 4 -> 12;
      default -> 0;
    };
  }
}
