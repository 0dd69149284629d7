package org.cordon.core.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TracingPolicyTest {

  @Test
  void theShippedDefaultFileIsTheDefaultPolicy() {
    Path file = Path.of("..", "policy", "tracing-default.yaml");
    assertThat(Files.exists(file)).isTrue();
    assertThat(TracingPolicy.read(file)).isEqualTo(TracingPolicy.defaults());
  }

  @Test
  void defaultsAreTheIssuesNumbers() {
    assertThat(TracingPolicy.defaults()).isEqualTo(new TracingPolicy(4, 14, 1, 3, 10, false, 30));
  }

  @Test
  void keysLeftOutKeepTheirDefaultsAndCommentsAndQuotesAreIgnored() {
    TracingPolicy p = TracingPolicy.parse(new StringReader("""
        # stricter
        ---
        contact-window-days: 2   # two days
        max-seat-row-distance = 1
        companion-cumulative-filter: "true"
        """), "test");
    assertThat(p).isEqualTo(new TracingPolicy(2, 14, 1, 1, 10, true, 30));
  }

  @Test
  void writesWhatItReadsBack() {
    TracingPolicy p = new TracingPolicy(3, 10, 2, 0, 15, true, 12);
    assertThat(TracingPolicy.parse(new StringReader(p.toFileText()), "text")).isEqualTo(p);
  }

  @Test
  void rejectsUnknownAndRepeatedKeysAndBadValuesByName() {
    assertThatThrownBy(() -> TracingPolicy.parse(new StringReader("""
        contact-window-days: 4
        contact-window-dayz: 4
        contact-window-days: 5
        minimum-overlap-minutes: one
        companion-cumulative-filter: yes
        just text
        """), "p.yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad tracing policy p.yaml")
        .hasMessageContaining("line 2: unknown key 'contact-window-dayz'")
        .hasMessageContaining("line 3: key 'contact-window-days' appears twice")
        .hasMessageContaining("minimum-overlap-minutes: expected a whole number, got 'one'")
        .hasMessageContaining("companion-cumulative-filter: expected true or false, got 'yes'")
        .hasMessageContaining("line 6: expected 'key: value', got 'just text'");
  }

  @Test
  void rejectsValuesOutOfRange() {
    assertThatThrownBy(() -> TracingPolicy.parse(new StringReader("minimum-overlap-minutes: 0"), "p"))
        .hasMessage("bad tracing policy p: minimum-overlap-minutes must be 1..1440, got 0");
    assertThatThrownBy(() -> TracingPolicy.read(Path.of("no-such-policy.yaml")))
        .hasMessage("policy file no-such-policy.yaml does not exist");
  }
}
