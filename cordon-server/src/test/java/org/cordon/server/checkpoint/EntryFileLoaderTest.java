package org.cordon.server.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntryFileLoaderTest {

  @TempDir
  Path dir;

  /** A database that refuses the first {@code failures} batches, then stores. */
  static final class FlakyStore extends EntryStore {
    final List<CheckpointEntry> stored = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger failures;
    final AtomicInteger batches = new AtomicInteger();

    FlakyStore(int failures) {
      super(null, null);
      this.failures = new AtomicInteger(failures);
    }

    @Override
    void store(List<CheckpointEntry> group, Consumer<Connection> alsoInTransaction) {
      if (failures.getAndDecrement() > 0) {
        throw new IllegalStateException("database unreachable");
      }
      batches.incrementAndGet();
      stored.addAll(group);
    }
  }

  private static CheckpointEntry entry(int i) {
    return new CheckpointEntry(Instant.parse("2022-04-12T08:00:00Z").plusSeconds(i), "V-1", i, "token:tok_1",
        "k" + i, "green", new BigDecimal("36.5"), true, false, true, "green code: enter");
  }

  @Test
  void whatTheDatabaseRefusedIsTriedAgainUntilStoredOnceInOrder() throws Exception {
    FlakyStore store = new FlakyStore(2);
    try (EntryFile file = EntryFile.open(dir, 4096)) {
      file.startWriting(0);
      EntryFileLoader loader = new EntryFileLoader(file, store, 0, Duration.ofMillis(20), 1000);
      loader.start();
      for (int g = 0; g < 10; g++) {
        List<CheckpointEntry> group = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
          group.add(entry(g * 7 + i));
        }
        file.append(group);
      }
      assertThat(loader.awaitLoaded(Duration.ofSeconds(30))).isTrue();
      assertThat(loader.loaded()).isEqualTo(70);
      assertThat(store.stored).extracting(CheckpointEntry::personId)
          .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 70).boxed().toList());
      loader.stop(Duration.ofSeconds(5));
    }
  }

  @Test
  void aBatchWaitsOutTheIntervalAndAStopLoadsWhatIsSynced() throws Exception {
    FlakyStore store = new FlakyStore(0);
    try (EntryFile file = EntryFile.open(dir, 1 << 20)) {
      file.startWriting(0);
      for (int i = 0; i < 50; i++) {
        file.append(List.of(entry(i)));
      }
      EntryFileLoader loader = new EntryFileLoader(file, store, 0, Duration.ofSeconds(3600), 1000);
      loader.start();
      assertThat(loader.awaitLoaded(Duration.ofSeconds(30))).isTrue();
      assertThat(store.batches.get()).isEqualTo(1);
      for (int i = 50; i < 80; i++) {
        file.append(List.of(entry(i)));
      }
      Thread.sleep(200);
      assertThat(store.stored).as("the next batch waits for the interval").hasSize(50);
      loader.stop(Duration.ofSeconds(10));
      assertThat(store.stored).hasSize(80);
      assertThat(store.batches.get()).isEqualTo(2);
    }
  }
}
