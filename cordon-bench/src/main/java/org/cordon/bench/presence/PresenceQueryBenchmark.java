package org.cordon.bench.presence;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.cordon.core.presence.PersonDictionary;
import org.cordon.core.presence.PresenceIndex;
import org.cordon.core.presence.PresenceIndexBuilder;
import org.cordon.core.presence.PresenceTime;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Latency of the two presence queries the tracing engine runs: all presences of one person over the 4
 * days of a contact window, and everyone at one venue during one hour.
 *
 * <pre>
 * java -Xmx8g -jar cordon-bench/target/benchmarks.jar PresenceQueryBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
public class PresenceQueryBenchmark {
  @Param("20000000")
  int scans;

  private SyntheticScans data;
  private PresenceIndex index;
  private SplittableRandom random;

  @Setup(Level.Trial)
  public void build() {
    data = new SyntheticScans(scans, 14, 1_000_000, 50_000, 42);
    Map<String, Integer> dwell = new HashMap<>();
    for (int v = 0; v < data.venueCodes.length; v++) {
      dwell.put(data.venueCodes[v], data.dwellMinutes[v]);
    }
    PresenceIndexBuilder builder = PresenceIndexBuilder.scans(new PersonDictionary(), dwell::get);
    for (int i = 0; i < data.count; i++) {
      builder.appendScan(data.personIds[data.person[i]], data.venueCodes[data.venue[i]],
          data.startEpochSecond(i), data.exitEpochSecondOrMinus1(i));
    }
    index = builder.build();
    random = new SplittableRandom(7);
  }

  @Benchmark
  public void personOverFourDays(Blackhole hole) {
    int person = index.personIndex(data.personIds[random.nextInt(data.personIds.length)]);
    int from = PresenceTime.ofEpochSecond(data.baseEpochSecond + random.nextInt(10 * 86_400));
    index.forEachOfPerson(person, from, from + 4 * 86_400,
        (p, place, start, end, seat) -> hole.consume(place));
  }

  @Benchmark
  public void venueOverOneHour(Blackhole hole) {
    int venue = index.placeIndex(data.venueCodes[random.nextInt(data.venueCodes.length)]);
    int from = PresenceTime.ofEpochSecond(data.baseEpochSecond + random.nextInt(14 * 86_400));
    index.forEachAtPlace(venue, from, from + 3600, (p, place, start, end, seat) -> hole.consume(p));
  }
}
