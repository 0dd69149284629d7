package org.cordon.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.cordon.core.place.DivisionCode;
import org.junit.jupiter.api.Test;

class TestingPopulationTest {

  @Test
  void findsEveryPersonAndKeepsEachDivisionOneRangeOrderedById() {
    SplittableRandom random = new SplittableRandom(5);
    TestingPopulation.Builder b = new TestingPopulation.Builder(TestingFixture.tree());
    long[] ids = random.longs(5_000, 1, Long.MAX_VALUE).distinct().toArray();
    for (long id : ids) {
      b.add(id, TestingFixture.COMMUNITIES.get(random.nextInt(4)), null);
    }
    TestingPopulation p = b.build();
    for (long id : ids) {
      assertThat(p.personId(p.index(id))).isEqualTo(id);
    }
    assertThat(p.index(0)).isEqualTo(-1);
    for (DivisionCode d : TestingFixture.COMMUNITIES) {
      int[] r = p.range(d);
      for (int i = r[0]; i < r[1]; i++) {
        assertThat(p.homeDivision(i)).isEqualTo(d);
        assertThat(i == r[0] || p.personId(i - 1) < p.personId(i)).isTrue();
      }
    }
    int[] county = p.range(TestingFixture.COUNTY_A);
    int[] a1 = p.range(TestingFixture.STREET_A1);
    int[] a2 = p.range(TestingFixture.STREET_A2);
    assertThat(county).containsExactly(a1[0], a2[1]);
    assertThat(a1[1]).isEqualTo(a2[0]);
  }

  @Test
  void refusesDuplicatesUnknownDivisionsAndUnknownGroupMembers() {
    assertThatThrownBy(() -> new TestingPopulation.Builder(TestingFixture.tree())
        .add(1, TestingFixture.COMMUNITY_A1X, null).add(1, TestingFixture.COMMUNITY_B1X, null).build())
        .hasMessageContaining("person 1 is added twice");
    assertThatThrownBy(() -> new TestingPopulation.Builder(TestingFixture.tree())
        .add(1, DivisionCode.of("140107001001"), null)).hasMessageContaining("unknown division");
    assertThatThrownBy(() -> new TestingPopulation.Builder(TestingFixture.tree())
        .add(1, TestingFixture.COMMUNITY_A1X, null).group(2, "courier").build())
        .hasMessageContaining("unknown person 2");
  }
}
