package org.cordon.core.exchange;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes records of one kind as CSV to a {@link Writer}: the header first, then one line per {@link
 * #write} call, through one reused buffer (no per-record strings beyond the formats' own). Call
 * {@link #flush()} or {@link #close()} at the end. Not thread-safe.
 *
 * @param <T> the record kind
 */
public final class CsvWriter<T> implements Flushable, Closeable {

  private static final int FLUSH_AT = 1 << 16;

  private final RecordFormat<T> format;
  private final Writer out;
  private final StringBuilder buf = new StringBuilder(FLUSH_AT + 1024);
  private long written;

  /** Starts a file: writes the header line. */
  public CsvWriter(RecordFormat<T> format, Writer out) {
    this.format = format;
    this.out = out;
    buf.append(format.headerLine());
  }

  public void write(T record) throws IOException {
    format.append(record, buf);
    written++;
    if (buf.length() >= FLUSH_AT) {
      drain();
    }
  }

  /** Records written so far. */
  public long written() {
    return written;
  }

  private void drain() throws IOException {
    out.append(buf);
    buf.setLength(0);
  }

  @Override
  public void flush() throws IOException {
    drain();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    drain();
    out.close();
  }

  /**
   * Appends one field, RFC 4180 quoted when it contains a comma, a quote, a line break or leading or
   * trailing space (quotes doubled inside).
   */
  public static void appendField(String value, StringBuilder out) {
    boolean quote = false;
    int n = value.length();
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        quote = true;
        break;
      }
    }
    if (!quote && n > 0 && (value.charAt(0) == ' ' || value.charAt(n - 1) == ' ')) {
      quote = true;
    }
    if (!quote) {
      out.append(value);
      return;
    }
    out.append('"');
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c == '"') {
        out.append('"');
      }
      out.append(c);
    }
    out.append('"');
  }
}
