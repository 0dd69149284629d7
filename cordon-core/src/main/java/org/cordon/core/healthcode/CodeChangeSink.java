package org.cordon.core.healthcode;

/**
 * Receives every {@link CodeChange} of an engine, on the engine's writer thread, in the order they
 * happen. It must not call back into the engine's write methods.
 */
@FunctionalInterface
public interface CodeChangeSink {
  void accept(CodeChange change);

  /** A sink that drops everything (the engine's methods still return the changes). */
  static CodeChangeSink none() {
    return c -> { };
  }
}
