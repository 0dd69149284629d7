package org.cordon.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestingPolicyTest {

  @Test
  void theShippedDefaultFileIsTheDefaultPolicy() {
    assertThat(TestingPolicy.read(Path.of("..", "policy", "testing-default.yaml")))
        .isEqualTo(TestingPolicy.defaults());
  }

  @Test
  void defaultsAreTheIssuesNumbers() {
    TestingPolicy d = TestingPolicy.defaults();
    assertThat(d.defaultPoolSize()).isEqualTo(10);
    assertThat(d.poolSizes()).containsExactly(1, 5, 10, 20);
    assertThat(d.turnaroundLimitHours()).isEqualTo(6);
    assertThat(d.schedule("courier").orElseThrow())
        .isEqualTo(new KeyGroupSchedule("courier", Map.of(TestMethod.PCR, 3, TestMethod.ANTIGEN, 2), 5));
    assertThat(d.schedule("cold-chain").orElseThrow())
        .isEqualTo(new KeyGroupSchedule("cold-chain", Map.of(TestMethod.PCR, 1), 1));
  }

  @Test
  void writesWhatItReadsBack() {
    TestingPolicy p = new TestingPolicy(5, List.of(1, 5), 12,
        List.of(KeyGroupSchedule.parse("port", "2 antigen + 1 pcr in 3 days")));
    assertThat(TestingPolicy.parse(new StringReader(p.toFileText()), "text")).isEqualTo(p);
  }

  @Test
  void reportsEveryProblemWithItsLine() {
    assertThatThrownBy(() -> TestingPolicy.parse(new StringReader("""
        default-pool-size: ten
        pool-sizes: 1, 50
        colour: red
        schedule.courier: 3 pcr every week
        schedule.cold-chain: 1 blood in 1 day
        turnaround-limit-hours: 6
        turnaround-limit-hours: 7
        """), "p.yaml"))
        .hasMessageContaining("bad testing policy p.yaml")
        .hasMessageContaining("line 1: default-pool-size: expected a whole number")
        .hasMessageContaining("line 3: unknown key 'colour'")
        .hasMessageContaining("line 4: schedule.courier: schedule of courier must look like")
        .hasMessageContaining("test method must be pcr or antigen")
        .hasMessageContaining("line 7: key 'turnaround-limit-hours' appears twice");
    assertThatThrownBy(() -> TestingPolicy.parse(new StringReader("pool-sizes: 1, 50"), "p"))
        .hasMessageContaining("pool size must be 1..20, got 50");
    assertThatThrownBy(() -> TestingPolicy.read(Path.of("no-such-policy.yaml"))).hasMessageContaining("does not exist");
  }
}
