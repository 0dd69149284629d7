package org.cordon.bench;

/**
 * Entry point of {@code benchmarks.jar}: runs JMH with the given arguments. Plain harnesses with their
 * own {@code main} (side-by-side baselines) run with {@code java -cp benchmarks.jar <class>}.
 */
public final class BenchMain {
  private BenchMain() {
  }

  public static void main(String[] args) throws Exception {
    org.openjdk.jmh.Main.main(args);
  }
}
