package org.cordon.server.support;

import org.cordon.core.exchange.RecordKind;
import org.cordon.server.security.Residents;
import org.cordon.server.intake.IntakeManagement;

/**
 * Test persons as the intake's persons CSV: each person its own household, a valid GB 11643 number
 * from the county of the home division and the id, a name and a phone made from the id.
 */
public final class PersonCsv {
  private final StringBuilder csv = new StringBuilder(
      "person_id,household_id,home_division,id_number,name,phone,lat,lon\n");
  private final String name;
  private final String phonePrefix;

  /**
   * @param name the name before the id (e.g. {@code 居民} gives 居民8801)
   * @param phonePrefix the phone before the id's last four digits (e.g. {@code 1380000})
   */
  public PersonCsv(String name, String phonePrefix) {
    this.name = name;
    this.phonePrefix = phonePrefix;
  }

  /** Adds person {@code id} living in {@code home} at {@code latLon} ("lat,lon"). */
  public PersonCsv person(long id, String home, String latLon) {
    csv.append(id).append(',').append(id).append(',').append(home).append(',')
        .append(Residents.idNumber(home.substring(0, 6), id)).append(',').append(name).append(id)
        .append(',').append(phonePrefix).append(String.format("%04d", id % 10000)).append(',')
        .append(latLon).append('\n');
    return this;
  }

  /** Stores the persons through intake, asserting that none is rejected. */
  public void store(IntakeManagement intake) {
    Ingest.csv(intake, RecordKind.PERSONS, csv.toString());
  }
}
