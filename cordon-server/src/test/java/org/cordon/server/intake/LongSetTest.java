package org.cordon.server.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LongSetTest {

  @Test
  void agreesWithAHashSetOnRandomDenseAndSparseIds() {
    Random rnd = new Random(3);
    LongSet set = new LongSet(4);
    Set<Long> reference = new HashSet<>();
    for (int i = 0; i < 200_000; i++) {
      long v = rnd.nextBoolean() ? 1 + rnd.nextInt(50_000) : 1 + (rnd.nextLong() & Long.MAX_VALUE) % 1_000_000_000_000L;
      assertThat(set.add(v)).isEqualTo(reference.add(v));
      long probe = 1 + rnd.nextInt(100_000);
      assertThat(set.contains(probe)).isEqualTo(reference.contains(probe));
    }
    assertThat(set.size()).isEqualTo(reference.size());
    for (long v : reference) {
      assertThat(set.contains(v)).isTrue();
    }
  }

  @Test
  void refusesIdsThatAreNotPositive() {
    assertThatThrownBy(() -> new LongSet(1).add(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
