package org.cordon.core.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LivePresenceIndexTest {
  private static final long T0 = Instant.parse("2026-11-20T22:00:00+08:00").getEpochSecond();

  @Test
  void showsAppendsOnlyAfterPublishAndKeepsOldSnapshotsUnchanged() {
    LivePresenceIndex live = PresenceIndexBuilder.cells(new PersonDictionary())
        .appendDwell(1, "C1", T0, T0 + 600).buildLive(1000);
    PresenceIndex first = live.snapshot();
    live.appendDwell(2, "C1", T0 + 60, T0 + 120);
    assertThat(live.snapshot()).isSameAs(first);
    assertThat(live.tailSize()).isEqualTo(1);
    PresenceIndex second = live.publish();
    assertThat(first.size()).isEqualTo(1);
    assertThat(second.size()).isEqualTo(2);
    assertThat(second.partitionCount()).isEqualTo(2);
    PresenceIndex third = live.compact();
    assertThat(third.partitionCount()).isEqualTo(1);
    assertThat(third.personIndex(2)).isEqualTo(1);
    assertThat(first.personIndex(2)).isEqualTo(1);
    int[] seen = new int[1];
    first.forEachOfPerson(first.personIndex(1), 0, Integer.MAX_VALUE, (a, b, c, d, e) -> seen[0]++);
    first.forEachOfPerson(first.personIndex(2), 0, Integer.MAX_VALUE, (a, b, c, d, e) -> seen[0] += 10);
    assertThat(seen[0]).isEqualTo(1);
  }

  @Test
  void compactsByItselfWhenTheTailReachesTheThreshold() {
    LivePresenceIndex live = PresenceIndexBuilder.cells(new PersonDictionary()).buildLive(3);
    for (int i = 0; i < 3; i++) {
      live.appendDwell(1 + i, "C1", T0 + i * 3600L, T0 + i * 3600L + 60);
    }
    PresenceIndex published = live.publish();
    assertThat(live.tailSize()).isZero();
    assertThat(published.size()).isEqualTo(3);
    assertThat(published.partitionCount()).isEqualTo(2);
  }

  /** Forbidden outcome: a reader's snapshot answers with a row count other than its own size. */
  @Test
  void givesReadersConsistentSnapshotsWhileTheWriterAppendsAndCompacts() throws InterruptedException {
    LivePresenceIndex live = PresenceIndexBuilder.rides(new PersonDictionary()).buildLive(5_000);
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<String> wrong = new AtomicReference<>();
    Thread reader = new Thread(() -> {
      long last = 0;
      while (!done.get() && wrong.get() == null) {
        PresenceIndex snap = live.snapshot();
        long[] count = new long[1];
        snap.forEachAtPlace("G7", Instant.ofEpochSecond(T0 - 86_400), Instant.ofEpochSecond(T0 + 10 * 86_400),
            (person, place, start, end, seat) -> {
              if (snap.personId(person) != 1 + (start % 997)) {
                count[0] = Long.MIN_VALUE;
              }
              count[0]++;
            });
        if (count[0] != snap.size() || snap.size() < last || snap.size() % 100 != 0) {
          wrong.set("snapshot of " + snap.size() + " rows answered " + count[0] + " after " + last);
        }
        last = snap.size();
      }
    });
    reader.start();
    for (int i = 0; i < 40_000; i++) {
      long start = T0 + i * 17L;
      int t = PresenceTime.ofEpochSecond(start);
      live.appendRide(1 + (t % 997), "G7", i % 30, start, start + 1800);
      if ((i + 1) % 100 == 0) {
        live.publish();
      }
    }
    done.set(true);
    reader.join();
    assertThat(wrong.get()).isNull();
    assertThat(live.snapshot().size()).isEqualTo(40_000);
  }
}
