package org.cordon.core.place;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value read by a small strict parser (RFC 8259), enough for the shipped GeoJSON; the core has no
 * JSON library. Numbers are doubles.
 */
sealed interface Json {

  record Obj(Map<String, Json> members) implements Json {
    Json get(String key) {
      Json v = members.get(key);
      if (v == null) {
        throw new IllegalArgumentException("missing member '" + key + "'");
      }
      return v;
    }
  }

  record Arr(List<Json> items) implements Json {
  }

  record Num(double value) implements Json {
  }

  record Str(String value) implements Json {
  }

  record Bool(boolean value) implements Json {
  }

  record Null() implements Json {
  }

  default Obj asObj() {
    if (this instanceof Obj o) {
      return o;
    }
    throw new IllegalArgumentException("expected a JSON object, got " + getClass().getSimpleName());
  }

  default List<Json> asList() {
    if (this instanceof Arr a) {
      return a.items();
    }
    throw new IllegalArgumentException("expected a JSON array, got " + getClass().getSimpleName());
  }

  default String asString() {
    if (this instanceof Str s) {
      return s.value();
    }
    throw new IllegalArgumentException("expected a JSON string, got " + getClass().getSimpleName());
  }

  default double asDouble() {
    if (this instanceof Num n) {
      return n.value();
    }
    throw new IllegalArgumentException("expected a JSON number, got " + getClass().getSimpleName());
  }

  /** Parses one JSON text. @throws IllegalArgumentException with the character offset of a syntax error */
  static Json parse(String text) {
    Parser p = new Parser(text);
    Json v = p.value();
    p.skipSpace();
    if (p.pos != text.length()) {
      throw p.error("trailing characters");
    }
    return v;
  }

  /** Appends {@code s} as a JSON string literal. */
  static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (ch < 0x20) {
            out.append(String.format("\\u%04x", (int) ch));
          } else {
            out.append(ch);
          }
        }
      }
    }
    out.append('"');
  }

  final class Parser {
    private final String s;
    private int pos;

    private Parser(String s) {
      this.s = s;
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException("JSON syntax error at offset " + pos + ": " + what);
    }

    private void skipSpace() {
      while (pos < s.length()) {
        char ch = s.charAt(pos);
        if (ch != ' ' && ch != '\n' && ch != '\r' && ch != '\t') {
          return;
        }
        pos++;
      }
    }

    private Json value() {
      skipSpace();
      if (pos >= s.length()) {
        throw error("unexpected end");
      }
      char ch = s.charAt(pos);
      switch (ch) {
        case '{':
          return object();
        case '[':
          return array();
        case '"':
          return new Str(string());
        case 't':
          literal("true");
          return new Bool(true);
        case 'f':
          literal("false");
          return new Bool(false);
        case 'n':
          literal("null");
          return new Null();
        default:
          return number();
      }
    }

    private void literal(String word) {
      if (!s.startsWith(word, pos)) {
        throw error("expected " + word);
      }
      pos += word.length();
    }

    private Obj object() {
      pos++;
      Map<String, Json> members = new LinkedHashMap<>();
      skipSpace();
      if (pos < s.length() && s.charAt(pos) == '}') {
        pos++;
        return new Obj(members);
      }
      while (true) {
        skipSpace();
        if (pos >= s.length() || s.charAt(pos) != '"') {
          throw error("expected a member name");
        }
        String key = string();
        skipSpace();
        expect(':');
        members.put(key, value());
        skipSpace();
        if (pos < s.length() && s.charAt(pos) == ',') {
          pos++;
        } else {
          expect('}');
          return new Obj(members);
        }
      }
    }

    private Arr array() {
      pos++;
      List<Json> items = new ArrayList<>();
      skipSpace();
      if (pos < s.length() && s.charAt(pos) == ']') {
        pos++;
        return new Arr(items);
      }
      while (true) {
        items.add(value());
        skipSpace();
        if (pos < s.length() && s.charAt(pos) == ',') {
          pos++;
        } else {
          expect(']');
          return new Arr(items);
        }
      }
    }

    private void expect(char ch) {
      if (pos >= s.length() || s.charAt(pos) != ch) {
        throw error("expected '" + ch + "'");
      }
      pos++;
    }

    private String string() {
      pos++;
      StringBuilder sb = new StringBuilder();
      while (true) {
        if (pos >= s.length()) {
          throw error("unterminated string");
        }
        char ch = s.charAt(pos++);
        if (ch == '"') {
          return sb.toString();
        }
        if (ch < 0x20) {
          throw error("control character in string");
        }
        if (ch != '\\') {
          sb.append(ch);
          continue;
        }
        if (pos >= s.length()) {
          throw error("unterminated escape");
        }
        char esc = s.charAt(pos++);
        switch (esc) {
          case '"', '\\', '/' -> sb.append(esc);
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            if (pos + 4 > s.length()) {
              throw error("short \\u escape");
            }
            try {
              sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            } catch (NumberFormatException e) {
              throw error("bad \\u escape");
            }
            pos += 4;
          }
          default -> throw error("bad escape \\" + esc);
        }
      }
    }

    private Num number() {
      int start = pos;
      if (pos < s.length() && s.charAt(pos) == '-') {
        pos++;
      }
      while (pos < s.length() && "0123456789.eE+-".indexOf(s.charAt(pos)) >= 0) {
        pos++;
      }
      if (start == pos) {
        throw error("unexpected character '" + s.charAt(pos) + "'");
      }
      try {
        return new Num(Double.parseDouble(s.substring(start, pos)));
      } catch (NumberFormatException e) {
        pos = start;
        throw error("malformed number");
      }
    }
  }
}
