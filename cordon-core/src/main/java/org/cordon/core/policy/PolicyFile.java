package org.cordon.core.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A policy file in the flat YAML subset every Cordon policy uses: one {@code key: value} per line
 * ({@code key = value} is accepted too), {@code #} starts a comment, blank lines and {@code ---} are
 * ignored, a value may be quoted. Reading never stops at the first problem: unknown or repeated keys and
 * bad values are collected with their line numbers and reported together by {@link #check(String)}.
 *
 * <p>Typical use: parse, read every key with a default through the typed getters (each records a
 * problem instead of throwing), then {@link #check(String)}.
 */
public final class PolicyFile {
  private final String source;
  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, Integer> lines = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();

  private PolicyFile(String source) {
    this.source = source;
  }

  /**
   * Reads all lines of {@code in}.
   *
   * @param source name of the input for messages (e.g. the file name)
   * @param known which keys are allowed; any other key is a problem
   * @param knownKeysHint listed in the message of an unknown key
   */
  public static PolicyFile parse(Reader in, String source, Predicate<String> known, String knownKeysHint) {
    PolicyFile file = new PolicyFile(source);
    BufferedReader reader = new BufferedReader(in);
    int lineNo = 0;
    try {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
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
          file.problems.add("line " + lineNo + ": expected 'key: value', got '" + text + "'");
          continue;
        }
        String key = text.substring(0, sep).strip();
        String value = unquote(text.substring(sep + 1).strip());
        if (!known.test(key)) {
          file.problems.add("line " + lineNo + ": unknown key '" + key + "' (known: " + knownKeysHint + ")");
        } else if (file.values.containsKey(key)) {
          file.problems.add("line " + lineNo + ": key '" + key + "' appears twice");
        } else {
          file.values.put(key, value);
          file.lines.put(key, lineNo);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + source + ": " + e.getMessage(), e);
    }
    return file;
  }

  /** The keys present, in file order. */
  public List<String> keys() {
    return List.copyOf(values.keySet());
  }

  /** The raw value of {@code key}, or {@code fallback} when the key is absent. */
  public String text(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  /** A whole number in {@code min..max}; a problem (and {@code fallback}) when it is not one. */
  public int integer(String key, int fallback, int min, int max) {
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (!v.matches("-?[0-9]{1,9}")) {
      problem(key, "expected a whole number, got '" + v + "'");
      return fallback;
    }
    int n = Integer.parseInt(v);
    if (n < min || n > max) {
      problem(key, "must be " + min + ".." + max + ", got " + n);
      return fallback;
    }
    return n;
  }

  /** {@code true} or {@code false}; a problem (and {@code fallback}) otherwise. */
  public boolean bool(String key, boolean fallback) {
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (v.equals("true") || v.equals("false")) {
      return Boolean.parseBoolean(v);
    }
    problem(key, "expected true or false, got '" + v + "'");
    return fallback;
  }

  /**
   * One of the constants of {@code type}, written in lower case with {@code -} for {@code _}
   * (e.g. {@code pcr-or-antigen}); a problem (and {@code fallback}) otherwise.
   */
  public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      String name = e.name().toLowerCase(Locale.ROOT).replace('_', '-');
      if (name.equals(v)) {
        return e;
      }
      names.add(name);
    }
    problem(key, "expected one of " + String.join(", ", names) + ", got '" + v + "'");
    return fallback;
  }

  /** Records a problem that is not about one key (e.g. a rule between values). */
  public void problem(String message) {
    problems.add(message);
  }

  /** Records a problem with {@code key} (named with its line when the key is in the file). */
  public void problem(String key, String message) {
    Integer line = lines.get(key);
    problems.add((line == null ? "" : "line " + line + ": ") + key + ": " + message);
  }

  /**
   * Throws when any problem was recorded.
   *
   * @param what what the file is, for the message (e.g. "health-code policy")
   * @throws IllegalArgumentException naming the source and every problem
   */
  public void check(String what) {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("bad " + what + " " + source + ": " + String.join("; ", problems));
    }
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
