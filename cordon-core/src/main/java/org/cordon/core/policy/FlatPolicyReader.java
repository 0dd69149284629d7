package org.cordon.core.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The syntax of a policy file: a flat YAML subset, one {@code key: value} per line ({@code key = value} is
 * accepted too), {@code #} starts a comment, blank lines and a {@code ---} line are ignored, a value may be
 * quoted with {@code "} or {@code '}, a UTF-8 byte-order mark is skipped. The caller checks the keys and
 * values and reports every problem at once.
 */
public final class FlatPolicyReader {
  private FlatPolicyReader() {
  }

  /**
   * One {@code key: value} line.
   *
   * @param line 1-based line number
   */
  public record Entry(String key, String value, int line) {
  }

  /**
   * Reads the entries in file order. A malformed line or a key given twice adds a problem naming the line
   * (and is left out); the caller adds its own and throws if there are any.
   */
  public static List<Entry> read(Reader in, String source, List<String> problems) {
    List<Entry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    BufferedReader lines = new BufferedReader(in);
    int lineNo = 0;
    try {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        lineNo++;
        String text = stripComment(line).strip();
        if (lineNo == 1 && text.startsWith("\uFEFF")) {
          text = text.substring(1).strip();
        }
        if (text.isEmpty() || text.equals("---")) {
          continue;
        }
        int sep = separator(text);
        if (sep < 0) {
          problems.add("line " + lineNo + ": expected 'key: value', got '" + text + "'");
          continue;
        }
        String key = text.substring(0, sep).strip();
        if (!seen.add(key)) {
          problems.add("line " + lineNo + ": key '" + key + "' appears twice");
          continue;
        }
        entries.add(new Entry(key, unquote(text.substring(sep + 1).strip()), lineNo));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + source + ": " + e.getMessage(), e);
    }
    return entries;
  }

  private static String stripComment(String line) {
    int hash = line.indexOf('#');
    return hash < 0 ? line : line.substring(0, hash);
  }

  private static int separator(String text) {
    int colon = text.indexOf(':');
    int equals = text.indexOf('=');
    if (colon < 0) {
      return equals;
    }
    return equals < 0 ? colon : Math.min(colon, equals);
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'')
        && v.charAt(v.length() - 1) == v.charAt(0)) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }
}
