package org.cordon.core.place;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void parsesNestedValues() {
    Json.Obj o = Json.parse(" {\"a\": [1, -2.5e1, true, false, null], \"b\": {\"c\": \"x\\\"\\u5c0f\\n\"}} ").asObj();
    List<Json> a = o.get("a").asList();
    assertThat(a.get(0).asDouble()).isEqualTo(1.0);
    assertThat(a.get(1).asDouble()).isEqualTo(-25.0);
    assertThat(a.subList(2, 5)).containsExactly(new Json.Bool(true), new Json.Bool(false), new Json.Null());
    assertThat(o.get("b").asObj().get("c").asString()).isEqualTo("x\"小\n");
  }

  @Test
  void reportsWhereTheSyntaxBreaks() {
    assertThatThrownBy(() -> Json.parse("[1, 2")).hasMessage("JSON syntax error at offset 5: expected ']'");
    assertThatThrownBy(() -> Json.parse("{\"a\" 1}")).hasMessage("JSON syntax error at offset 5: expected ':'");
    assertThatThrownBy(() -> Json.parse("[1] x")).hasMessage("JSON syntax error at offset 4: trailing characters");
    assertThatThrownBy(() -> Json.parse("\"a\nb\"")).hasMessageContaining("control character");
    assertThatThrownBy(() -> Json.parse("{}").asObj().get("x")).hasMessage("missing member 'x'");
    assertThatThrownBy(() -> Json.parse("[]").asString()).hasMessage("expected a JSON string, got Arr");
  }

  @Test
  void quotesStringsSoTheyParseBack() {
    String s = "小店\"区\\\t\u0001";
    StringBuilder sb = new StringBuilder();
    Json.quote(sb, s);
    assertThat(Json.parse(sb.toString()).asString()).isEqualTo(s);
  }
}
