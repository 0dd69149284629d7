package org.cordon.core.exchange;

import org.cordon.core.person.Person;
import org.cordon.core.place.Venue;
import org.cordon.core.presence.Dwell;
import org.cordon.core.presence.TripRide;
import org.cordon.core.presence.VenueScan;

/** The one shared instance of each record format; formats are stateless and thread-safe. */
public final class ExchangeFormats {
  public static final RecordFormat<Person> PERSONS = new PersonFormat();
  public static final RecordFormat<Venue> VENUES = new VenueFormat();
  public static final RecordFormat<VenueScan> SCANS = new ScanFormat();
  public static final RecordFormat<TripRide> TRIPS = new TripFormat();
  public static final RecordFormat<Dwell> DWELLS = new DwellFormat();

  private ExchangeFormats() {
  }
}
