package org.cordon.server.person;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cordon.core.person.IdentityNumber;
import org.cordon.core.person.Person;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.GeoPoint;
import org.cordon.server.security.Jurisdiction;
import org.cordon.server.security.Paging;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads of table {@code person}, always within a jurisdiction. */
@Repository
public class PersonQueries {

  /** A search: persons under {@code division} whose name contains {@code text}, or who match it exactly. */
  public record Search(DivisionCode division, String text, boolean byIdentityNumber) {
  }

  private static final String COLUMNS =
      "person_id, household_id, home_division, id_number, name, phone, lat, lon";

  private final JdbcClient jdbc;

  public PersonQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Persons in {@code scope} matching {@code search}, ordered by id. {@code search.text()} matches a name
   * substring or a person id; and, when {@code byIdentityNumber} is set, a whole identity number.
   */
  public List<Person> page(Jurisdiction scope, Search search, Paging paging) {
    List<Object> params = new ArrayList<>();
    String where = where(scope, search, params);
    params.add(paging.size());
    params.add(paging.offset());
    return jdbc.sql("select " + COLUMNS + " from person where " + where
            + " order by person_id limit ? offset ?")
        .params(params).query(PersonQueries::row).list();
  }

  /** How many persons {@link #page} would go through. */
  public long count(Jurisdiction scope, Search search) {
    List<Object> params = new ArrayList<>();
    String where = where(scope, search, params);
    return jdbc.sql("select count(*) from person where " + where).params(params)
        .query(Long.class).single();
  }

  /** Person {@code id} if it exists and lives in {@code scope}. */
  public Optional<Person> find(Jurisdiction scope, long id) {
    return jdbc.sql("select " + COLUMNS + " from person where person_id = ? and "
            + Jurisdiction.predicate("home_division"))
        .params(id, scope.likePattern()).query(PersonQueries::row).optional();
  }

  private static String where(Jurisdiction scope, Search search, List<Object> params) {
    // The division filter narrows the jurisdiction; the controller has checked it lies inside.
    StringBuilder where = new StringBuilder(Jurisdiction.predicate("home_division"));
    params.add(scope.likePattern());
    if (search.division() != null) {
      where.append(" and ").append(Jurisdiction.predicate("home_division"));
      params.add(new Jurisdiction(search.division()).likePattern());
    }
    String text = search.text() == null ? "" : search.text().strip();
    if (!text.isEmpty()) {
      where.append(" and ").append(textMatch("", text, search.byIdentityNumber(), params));
    }
    return where.toString();
  }

  /**
   * The predicate of a person search text over table {@code person} (columns prefixed with
   * {@code alias}, e.g. {@code "p."}): a name substring or a person id, and, when
   * {@code byIdentityNumber} is set, a whole identity number. Adds its parameters to {@code params}.
   * The contact lists of cases search the same way.
   */
  public static String textMatch(String alias, String text, boolean byIdentityNumber,
      List<Object> params) {
    StringBuilder where = new StringBuilder("(" + alias + "name like ? escape '\\'");
    params.add("%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    if (text.matches("[0-9]{1,18}")) {
      where.append(" or ").append(alias).append("person_id = ?");
      params.add(Long.parseLong(text));
    }
    if (byIdentityNumber && IdentityNumber.isValid(text.toUpperCase(java.util.Locale.ROOT))) {
      where.append(" or ").append(alias).append("id_number = ?");
      params.add(text.toUpperCase(java.util.Locale.ROOT));
    }
    return where.append(')').toString();
  }

  private static Person row(ResultSet rs, int n) throws SQLException {
    double lat = rs.getDouble(7);
    boolean noLat = rs.wasNull();
    double lon = rs.getDouble(8);
    boolean located = !noLat && !rs.wasNull();
    return new Person(rs.getLong(1), rs.getLong(2), new DivisionCode(rs.getString(3)),
        IdentityNumber.of(rs.getString(4)), rs.getString(5), rs.getString(6),
        located ? new GeoPoint(lat, lon) : null);
  }
}
