package org.cordon.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The command-line options of the benchmark harnesses: {@code --key value} pairs and bare flags. */
public final class BenchOptions {
  private BenchOptions() {
  }

  /**
   * Parses {@code --key value} and {@code --flag} (a flag is an option followed by another option or by
   * nothing; its value is the empty string).
   *
   * @throws IllegalArgumentException for an argument that is not an option
   */
  public static Map<String, String> parse(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
      }
      boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
      out.put(args[i].substring(2), flag ? "" : args[++i]);
    }
    return out;
  }
}
