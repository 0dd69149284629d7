package org.cordon.core.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DictionaryTest {
  @Test
  void numbersPersonsDenselyInFirstSeenOrderLikeAHashMap() {
    PersonDictionary dict = new PersonDictionary(2);
    Map<Long, Integer> reference = new HashMap<>();
    Random random = new Random(3);
    for (int i = 0; i < 200_000; i++) {
      long id = random.nextInt(4) == 0 ? Long.MAX_VALUE - random.nextInt(50_000) : 1 + random.nextInt(100_000);
      int expected = reference.computeIfAbsent(id, k -> reference.size());
      assertThat(dict.intern(id)).isEqualTo(expected);
    }
    assertThat(dict.size()).isEqualTo(reference.size());
    reference.forEach((id, dense) -> {
      assertThat(dict.find(id)).isEqualTo(dense);
      assertThat(dict.externalId(dense)).isEqualTo(id);
    });
    assertThat(dict.find(100_001)).isEqualTo(-1);
    assertThat(dict.find(0)).isEqualTo(-1);
    assertThatThrownBy(() -> dict.intern(0)).hasMessageContaining("must be positive");
    assertThatThrownBy(() -> dict.externalId(dict.size())).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void numbersPlacesDenselyInFirstSeenOrderLikeAHashMap() {
    PlaceDictionary dict = new PlaceDictionary();
    Map<String, Integer> reference = new HashMap<>();
    Random random = new Random(4);
    for (int i = 0; i < 100_000; i++) {
      String id = "V" + random.nextInt(30_000) + (random.nextBoolean() ? "" : "-站");
      int expected = reference.computeIfAbsent(id, k -> reference.size());
      assertThat(dict.intern(id)).isEqualTo(expected);
    }
    reference.forEach((id, dense) -> {
      assertThat(dict.find(id)).isEqualTo(dense);
      assertThat(dict.externalId(dense)).isEqualTo(id);
    });
    assertThat(dict.find("nowhere")).isEqualTo(-1);
    assertThat(dict.find(null)).isEqualTo(-1);
  }

  /** Forbidden outcome: a reader finds an id with a dense number other than the one interned. */
  @Test
  void neverShowsAReaderAWrongNumberWhileTheWriterGrowsTheTable() throws InterruptedException {
    PersonDictionary persons = new PersonDictionary(2);
    PlaceDictionary places = new PlaceDictionary();
    int count = 300_000;
    AtomicReference<String> wrong = new AtomicReference<>();
    Thread reader = new Thread(() -> {
      Random random = new Random(9);
      while (persons.size() < count && wrong.get() == null) {
        int known = persons.size();
        if (known == 0) {
          continue;
        }
        int k = random.nextInt(known);
        long id = 1_000_000_007L * (k + 1);
        int dense = persons.find(id);
        if (dense != k || persons.externalId(k) != id) {
          wrong.set("person " + id + " found as " + dense + ", expected " + k);
        }
        int p = places.find("P" + (k + 1));
        if (p != -1 && p != k) {
          wrong.set("place P" + (k + 1) + " found as " + p);
        }
        if (persons.find(1_000_000_007L * (count + 5)) != -1) {
          wrong.set("found a person never interned");
        }
      }
    });
    reader.start();
    for (int k = 0; k < count; k++) {
      places.intern("P" + (k + 1));
      persons.intern(1_000_000_007L * (k + 1));
    }
    reader.join();
    assertThat(wrong.get()).isNull();
  }
}
