package org.cordon.server.security;

/**
 * A page request: {@code page} from 0, {@code size} 1..{@value #MAX_SIZE}.
 */
public record Paging(int page, int size) {

  /** Largest page a caller may ask for. */
  public static final int MAX_SIZE = 500;

  public Paging {
    if (page < 0) {
      throw new IllegalArgumentException("page must be 0 or more, got " + page);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size must be 1.." + MAX_SIZE + ", got " + size);
    }
  }

  /** Rows to skip. */
  public long offset() {
    return (long) page * size;
  }
}
