package org.cordon.server.security;

import org.cordon.core.person.IdentityNumber;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes test persons straight into table {@code person} (intake is another package's job). */
public final class Residents {
  private Residents() {
  }

  /**
   * A valid identity number for person {@code id}: registered in {@code county}, unique per
   * id: the order code is the id's last three digits, the birth date 1980-01-01 plus the rest in days.
   */
  public static String idNumber(String county, long id) {
    String birth = java.time.LocalDate.of(1980, 1, 1).plusDays(id / 1000 % 10000)
        .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
    String first17 = county + birth + String.format("%03d", id % 1000);
    return first17 + IdentityNumber.checkCharacter(first17);
  }

  /** Inserts person {@code id} living in {@code division}, with phone {@code 1380000} + id's last 4. */
  public static void insert(JdbcClient jdbc, long id, String division) {
    jdbc.sql("insert into person (person_id, household_id, home_division, id_number, name, phone, "
            + "lat, lon) values (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(id, id, division, idNumber(division.substring(0, 6), id), "居民" + id,
            "1380000" + String.format("%04d", id % 10000), 37.8, 112.5)
        .update();
  }
}
