package org.cordon.core.tracing;

import java.time.Instant;
import java.util.List;
import org.cordon.core.place.ContactClass;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.Venue;
import org.cordon.core.place.VenueKind;
import org.cordon.core.presence.Dwell;
import org.cordon.core.presence.TripRide;
import org.cordon.core.presence.VenueScan;

/** Feeds the same small city to the engine's data builder and to the brute-force reference. */
final class TracingFixture {
  /** 2022-04-01T00:00:00+08:00. */
  static final Instant BASE = Instant.parse("2022-03-31T16:00:00Z");

  final TracingDataBuilder builder = new TracingDataBuilder();
  final ReferenceTracing reference = new ReferenceTracing();

  static Instant at(long secondsAfterBase) {
    return BASE.plusSeconds(secondsAfterBase);
  }

  /** BASE plus a day count, hours and minutes. */
  static Instant at(int day, int hour, int minute) {
    return BASE.plusSeconds(day * 86_400L + hour * 3_600L + minute * 60L);
  }

  TracingFixture person(long id, long household) {
    builder.person(id, household);
    reference.resident(id, household);
    return this;
  }

  TracingFixture venue(String id, int dwellMinutes, ContactClass contactClass) {
    builder.venue(new Venue(id, "venue " + id, VenueKind.values()[0], DivisionCode.of("140105"), null,
        dwellMinutes, contactClass));
    reference.venue(id, dwellMinutes, contactClass);
    return this;
  }

  TracingFixture scan(long person, String venue, Instant time, Instant exit) {
    VenueScan s = new VenueScan(person, venue, time, exit);
    builder.scan(s);
    reference.scan(s);
    return this;
  }

  TracingFixture ride(long person, String trip, Integer seat, Instant board, Instant alight) {
    TripRide r = new TripRide(person, trip, seat, board, alight);
    builder.trip(r);
    reference.trip(r);
    return this;
  }

  TracingFixture dwell(long person, String cell, Instant start, Instant end) {
    Dwell d = new Dwell(person, cell, start, end);
    builder.dwell(d);
    reference.dwell(d);
    return this;
  }

  /** The engine's answer over the built data. */
  List<TracedContact> engine(TracingPolicy policy, List<TracingCase> cases, Instant asOf) {
    return engine(policy, cases, asOf, 1);
  }

  /** The engine's answer with the cases and the secondary links split into {@code workers} parts. */
  List<TracedContact> engine(TracingPolicy policy, List<TracingCase> cases, Instant asOf, int workers) {
    return new ContactTracingEngine(policy, workers).trace(builder.build(), cases, asOf);
  }

  /** The answer of {@code engine} (which may have traced other cities before) over the built data. */
  List<TracedContact> engine(ContactTracingEngine engine, List<TracingCase> cases, Instant asOf) {
    return engine.trace(builder.build(), cases, asOf);
  }

  List<TracedContact> reference(TracingPolicy policy, List<TracingCase> cases, Instant asOf) {
    return reference.trace(policy, cases, asOf);
  }
}
