package org.cordon.core.city;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cordon.core.place.CountyBoundaries;
import org.cordon.core.place.DivisionTree;
import org.cordon.core.place.Venue;
import org.cordon.core.presence.Dwell;
import org.cordon.core.presence.TripRide;
import org.cordon.core.presence.VenueScan;

/**
 * The synthetic city engine: residents, households, venues and {@code days} days of venue scans,
 * transport rides and phone dwells for a real area of China, deterministic from its seed (same
 * parameters, same records in the same order).
 *
 * <p>Persons are generated on one thread (identity order codes are issued in sequence); the days are
 * generated in blocks of persons on all cores and handed to the sink in order, with at most a few blocks
 * in memory, so a city of millions streams to disk in bounded memory.
 */
public final class SyntheticCity {
  private static final int BLOCK = 20_000;

  private final DivisionTree tree;
  private final CountyBoundaries boundaries;

  public SyntheticCity(DivisionTree tree, CountyBoundaries boundaries) {
    this.tree = tree;
    this.boundaries = boundaries;
  }

  /** Generates the city into {@code sink}. */
  public void generate(CityParameters params, CitySink sink) throws IOException {
    Geography geography = new Geography(tree, boundaries, params.division());
    Population people = new Population(geography, params.persons(), params.seed(),
        params.startDate());
    for (int p = 0; p < people.size; p++) {
      sink.person(people.person(p));
    }
    VenueCatalogue venues = new VenueCatalogue(geography, params.persons(), params.seed());
    for (Venue v : venues.venues()) {
      sink.venue(v);
    }
    Occupations jobs = new Occupations(people, venues, geography, params.seed());
    DailyRoutine routine = new DailyRoutine(people, venues, jobs, geography, params.seed());
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "city-day");
      t.setDaemon(true);
      return t;
    });
    try {
      for (int d = 0; d < params.days(); d++) {
        LocalDate date = params.startDate().plusDays(d);
        Instant midnight = date.atStartOfDay(params.zone()).toInstant();
        generateDay(routine, people.size, date, d, midnight, pool, threads, sink);
        sink.dayDone(d + 1, params.days());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void generateDay(DailyRoutine routine, int persons, LocalDate date, int day,
      Instant midnight, ExecutorService pool, int threads, CitySink sink) throws IOException {
    Deque<Future<DailyRoutine.DayEvents>> inFlight = new ArrayDeque<>();
    int next = 0;
    while (next < persons || !inFlight.isEmpty()) {
      while (next < persons && inFlight.size() < 2 * threads) {
        int from = next;
        int to = Math.min(persons, from + BLOCK);
        inFlight.add(pool.submit(() -> routine.generate(date, day, midnight, from, to)));
        next = to;
      }
      emit(await(inFlight.poll()), sink);
    }
  }

  private static void emit(DailyRoutine.DayEvents events, CitySink sink) throws IOException {
    for (VenueScan s : events.scans) {
      sink.scan(s);
    }
    for (TripRide t : events.trips) {
      sink.trip(t);
    }
    for (Dwell w : events.dwells) {
      sink.dwell(w);
    }
  }

  private static DailyRoutine.DayEvents await(Future<DailyRoutine.DayEvents> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating the city", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io;
      }
      throw new IllegalStateException("city generation failed: " + e.getCause(), e.getCause());
    }
  }
}
