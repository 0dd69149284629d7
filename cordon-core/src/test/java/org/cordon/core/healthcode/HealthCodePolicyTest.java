package org.cordon.core.healthcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class HealthCodePolicyTest {

  @Test
  void thePresetsStateTheEditionsNumbers() {
    HealthCodePolicy ninth = HealthCodePolicy.preset("healthcode-9th");
    HealthCodePolicy eighth = HealthCodePolicy.preset("healthcode-8th");
    assertThat(ninth.id()).isEqualTo("healthcode-9th");
    assertThat(ninth.regime(RuleId.CLOSE_CONTACT)).isEqualTo(new Regime(CodeColour.RED, 7, 5, 20, true, 3, CodeColour.YELLOW));
    assertThat(eighth.regime(RuleId.CLOSE_CONTACT)).isEqualTo(new Regime(CodeColour.RED, 14, 4, 20, true, 7, CodeColour.YELLOW));
    assertThat(ninth.regime(RuleId.SECONDARY_CONTACT).colour()).isEqualTo(CodeColour.YELLOW);
    assertThat(eighth.regime(RuleId.SECONDARY_CONTACT).colour()).isEqualTo(CodeColour.RED);
    assertThat(ninth.regime(RuleId.KEY_PERSON).negativeTests()).isEqualTo(2);
    assertThat(eighth.regime(RuleId.KEY_PERSON).negativeTests()).isEqualTo(1);
    assertThat(ninth.regime(RuleId.CASE).autoRelease()).isFalse();
    assertThat(ninth.zoneColours().get(ZoneMembership.Level.SEALED)).isEqualTo(CodeColour.RED);
    assertThat(ninth.zoneColours().get(ZoneMembership.Level.CONTROLLED)).isEqualTo(CodeColour.YELLOW);
    assertThat(ninth.keyGroups().intervalOf("courier")).isEqualTo(84);
    assertThat(eighth.keyGroups().intervalOf("courier")).isEqualTo(48);
    assertThat(ninth.keyGroups().intervalOf("anything-else")).isEqualTo(72);
    assertThat(ninth.tokenValiditySeconds()).isEqualTo(180);
    // domain.md §2.1/§2.2: both editions release a secondary contact only after the close contact's
    // first two negative tests, and upgrade it when the close contact turns positive
    assertThat(ninth.secondaryRelease()).isEqualTo(new HealthCodePolicy.SecondaryRelease(2, true));
    assertThat(eighth.secondaryRelease()).isEqualTo(new HealthCodePolicy.SecondaryRelease(2, true));
  }

  @Test
  void theSecondaryContactsLinkIsRequiredAndChecked() {
    String text = HealthCodePolicy.preset("healthcode-9th").toFileText()
        .replace("secondary.close-contact-tests: 2\n", "")
        .replace("secondary.upgrade-to-close: true", "secondary.upgrade-to-close: maybe");
    assertThatThrownBy(() -> HealthCodePolicy.parse(new StringReader(text), "x"))
        .hasMessageContaining("secondary.close-contact-tests: is missing")
        .hasMessageContaining("secondary.upgrade-to-close");
    String many = HealthCodePolicy.preset("healthcode-9th").toFileText()
        .replace("secondary.close-contact-tests: 2", "secondary.close-contact-tests: 6");
    assertThatThrownBy(() -> HealthCodePolicy.parse(new StringReader(many), "x"))
        .hasMessageContaining("secondary.close-contact-tests: must be 0..5, got 6");
  }

  @Test
  void writesWhatItReadsBack() {
    for (String name : HealthCodePolicy.PRESETS) {
      HealthCodePolicy p = HealthCodePolicy.preset(name);
      assertThat(HealthCodePolicy.parse(new StringReader(p.toFileText()), "text")).isEqualTo(p);
    }
  }

  @Test
  void everyProblemIsReportedByLineAndKey() {
    String text = HealthCodePolicy.preset("healthcode-9th").toFileText()
        .replace("close.min-days: 7", "close.min-days: seven")
        .replace("zone.sealed-colour: red", "zone.sealed-colour: purple")
        .replace("key.negative-tests: 2\n", "")
        + "close.colour: red\nquarantine-days: 14\n";
    assertThatThrownBy(() -> HealthCodePolicy.parse(new StringReader(text), "my.yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad health-code policy my.yaml")
        .hasMessageContaining("close.min-days: expected a whole number, got 'seven'")
        .hasMessageContaining("zone.sealed-colour: expected one of green, yellow, red, got 'purple'")
        .hasMessageContaining("key.negative-tests: is missing")
        .hasMessageContaining("key 'close.colour' appears twice")
        .hasMessageContaining("unknown key 'quarantine-days'");
  }

  @Test
  void rangesAreChecked() {
    String text = HealthCodePolicy.preset("healthcode-9th").toFileText().replace("close.min-days: 7", "close.min-days: 61");
    assertThatThrownBy(() -> HealthCodePolicy.parse(new StringReader(text), "x"))
        .hasMessageContaining("close.min-days: must be 0..60, got 61");
    assertThatThrownBy(() -> HealthCodePolicy.preset("healthcode-10th")).hasMessageContaining("unknown health-code preset");
  }
}
