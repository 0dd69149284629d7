package org.cordon.core.exchange;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one flat JSON object (RFC 8259) into field name → value text: strings unescaped, numbers and
 * {@code true}/{@code false} as written, {@code null} as a Java {@code null}. Nested objects and arrays
 * are refused, since every exchange record is flat; so are duplicate names. Enough JSON for NDJSON
 * intake without a JSON library in core.
 */
public final class FlatJson {

  /** An RFC 8259 number; compiled once: String.matches compiled it per value, most of a small parse. */
  private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

  private final String s;
  private int i;

  private FlatJson(String s) {
    this.s = s;
  }

  /**
   * Parses {@code text}, which must hold exactly one object (surrounding whitespace allowed).
   *
   * @throws RowException saying where and why the text is not a flat JSON object
   */
  public static Map<String, String> parseObject(String text) {
    return new FlatJson(text).object();
  }

  private Map<String, String> object() {
    Map<String, String> out = new LinkedHashMap<>();
    skipSpace();
    expect('{');
    skipSpace();
    if (peek() == '}') {
      i++;
    } else {
      while (true) {
        skipSpace();
        if (peek() != '"') {
          throw error("expected a field name in double quotes");
        }
        String name = string();
        skipSpace();
        expect(':');
        skipSpace();
        String value = value(name);
        if (out.containsKey(name)) {
          throw new RowException("field '" + name + "' appears twice");
        }
        out.put(name, value);
        skipSpace();
        int c = peek();
        i++;
        if (c == ',') {
          continue;
        }
        if (c == '}') {
          break;
        }
        throw error("expected ',' or '}'");
      }
    }
    skipSpace();
    if (i < s.length()) {
      throw error("text after the end of the object");
    }
    return out;
  }

  private String value(String name) {
    int c = peek();
    if (c == '"') {
      return string();
    }
    if (c == '{' || c == '[') {
      throw new RowException("field '" + name + "' is a nested object or array; records are flat");
    }
    int start = i;
    while (i < s.length() && "-+.eE0123456789truefalsn".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    String word = s.substring(start, i);
    if (word.equals("null")) {
      return null;
    }
    if (word.equals("true") || word.equals("false") || isNumber(word)) {
      return word;
    }
    i = start;
    throw error("field '" + name + "' has no valid JSON value");
  }

  private static boolean isNumber(String w) {
    return !w.isEmpty() && NUMBER.matcher(w).matches();
  }

  private String string() {
    expect('"');
    StringBuilder sb = null;
    int start = i;
    while (true) {
      if (i >= s.length()) {
        throw error("string is not closed");
      }
      char c = s.charAt(i++);
      if (c == '"') {
        return sb == null ? s.substring(start, i - 1) : sb.toString();
      }
      if (c < 0x20) {
        throw error("control character inside a string");
      }
      if (c == '\\') {
        if (sb == null) {
          sb = new StringBuilder(s.substring(start, i - 1));
        }
        sb.append(escape());
      } else if (sb != null) {
        sb.append(c);
      }
    }
  }

  private char escape() {
    if (i >= s.length()) {
      throw error("string is not closed");
    }
    char e = s.charAt(i++);
    switch (e) {
      case '"': return '"';
      case '\\': return '\\';
      case '/': return '/';
      case 'b': return '\b';
      case 'f': return '\f';
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'u':
        if (i + 4 > s.length()) {
          throw error("\\u needs four hex digits");
        }
        try {
          char u = (char) Integer.parseInt(s.substring(i, i + 4), 16);
          i += 4;
          return u;
        } catch (NumberFormatException ex) {
          throw error("\\u needs four hex digits");
        }
      default:
        throw error("unknown escape \\" + e);
    }
  }

  private void skipSpace() {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return;
      }
      i++;
    }
  }

  private int peek() {
    return i < s.length() ? s.charAt(i) : -1;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    i++;
  }

  private RowException error(String what) {
    return new RowException("not a flat JSON object: " + what + " at character " + (i + 1));
  }
}
