package org.cordon.core.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class IdentityNumberTest {

  // The worked example of GB 11643-1999 Appendix A: 11010519491231002X.
  @Test
  void acceptsTheStandardsWorkedExample() {
    IdentityNumber id = IdentityNumber.of("11010519491231002X");
    assertThat(id.addressCode()).isEqualTo("110105");
    assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
    assertThat(id.isMale()).isFalse();
  }

  @Test
  void acceptsLowerCaseXAndNormalisesIt() {
    assertThat(IdentityNumber.of("11010519491231002x").value()).isEqualTo("11010519491231002X");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "110105194912310021 | check character is '1' but GB 11643 gives 'X'",
      "11010519491231002  | must have 18 characters, got 17",
      "1101051949123100211| must have 18 characters, got 19",
      "11010519A91231002X | character 9 must be a digit",
      "110105194902300025 | birth date 19490230 is not a calendar date",
      "11010519491231002Y | check character must be 0-9 or X",
  })
  void rejectsWithASpecificReason(String text, String reason) {
    assertThatThrownBy(() -> IdentityNumber.of(text))
        .isInstanceOf(InvalidIdentityNumberException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void exactlyOneCheckCharacterIsValidForEveryPrefix() {
    Random random = new Random(11643);
    String alphabet = "0123456789X";
    for (int n = 0; n < 2_000; n++) {
      String prefix = "140105" + (1950 + random.nextInt(70)) + String.format("%02d%02d%03d",
          1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(1000));
      int valid = 0;
      for (char c : alphabet.toCharArray()) {
        if (IdentityNumber.isValid(prefix + c)) {
          valid++;
          assertThat(c).isEqualTo(IdentityNumber.checkCharacter(prefix));
        }
      }
      assertThat(valid).isEqualTo(1);
    }
  }

  @Test
  void masksAllButTheFirstAndLastFour() {
    assertThat(IdentityNumber.of("11010519491231002X").masked()).isEqualTo("1101**********002X");
    assertThat(IdentityNumber.of("11010519491231002X").toString()).doesNotContain("19491231");
  }
}
