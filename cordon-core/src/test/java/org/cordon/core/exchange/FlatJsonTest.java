package org.cordon.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlatJsonTest {

  @Test
  void readsStringsNumbersBooleansAndNulls() {
    Map<String, String> expected = new HashMap<>();
    expected.put("a", "x\"y\\z\n张/é");
    expected.put("b", "-12.5e3");
    expected.put("c", "true");
    expected.put("d", null);
    expected.put("e", "");
    assertThat(FlatJson.parseObject(
        " {\"a\":\"x\\\"y\\\\z\\n\\u5f20\\/\u00e9\", \"b\" : -12.5e3,\"c\":true,\"d\":null,\"e\":\"\"} "))
        .isEqualTo(expected);
    assertThat(FlatJson.parseObject("{}")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"a\":1,\"a\":2}      | field 'a' appears twice",
      "{\"a\":{\"b\":1}}      | field 'a' is a nested object or array",
      "{\"a\":01}             | field 'a' has no valid JSON value",
      "{\"a\":\"x}            | string is not closed",
      "{\"a\":1} x            | text after the end of the object",
      "{a:1}                  | expected a field name in double quotes",
      "{\"a\":1 \"b\":2}      | expected ',' or '}'",
      "{\"a\":\"\\q\"}        | unknown escape \\q",
  })
  void refusesWhatIsNotAFlatObject(String text, String reason) {
    assertThatThrownBy(() -> FlatJson.parseObject(text.strip()))
        .isInstanceOf(RowException.class).hasMessageContaining(reason);
  }
}
