package org.cordon.core.exchange;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 CSV reader: comma separated, fields optionally enclosed in double quotes, a
 * quote inside a quoted field doubled, line breaks {@code \r\n}, {@code \n} or {@code \r}. A quoted
 * field may span lines; {@link CsvRecord#line()} is the line where its record starts. Empty lines are
 * skipped. A record with a stray quote in an unquoted field or text after a closing quote comes back
 * as a record with a syntax error and reading goes on with the next line; a quote still open at the
 * end of the input, or a record longer than {@link #MAX_RECORD_CHARS}, ends the input with an
 * {@link ExchangeFormatException}. Holds one buffer and one record in memory, whatever the input size.
 * Not thread-safe.
 */
public final class CsvReader {

  /** Upper bound of one record, so an unclosed quote cannot swallow a gigabyte file into memory. */
  public static final int MAX_RECORD_CHARS = 1 << 20;

  private final Reader in;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int limit;
  private boolean eof;
  private long line = 1;
  private final StringBuilder field = new StringBuilder(64);
  private final List<String> fields = new ArrayList<>(16);
  private int recordChars;

  public CsvReader(Reader in) {
    this.in = in;
  }

  /** The next record, or {@code null} at the end of the input. */
  public CsvRecord next() {
    while (true) {
      int c = peek();
      if (c < 0) {
        return null;
      }
      if (c == '\n' || c == '\r') {
        consumeLineBreak(c);
        continue;
      }
      return readRecord();
    }
  }

  private CsvRecord readRecord() {
    long start = line;
    fields.clear();
    recordChars = 0;
    String error = null;
    while (true) {
      field.setLength(0);
      int c = peek();
      if (c == '"') {
        pos++;
        readQuoted(start);
        c = peek();
        if (c >= 0 && c != ',' && c != '\n' && c != '\r') {
          error = error != null ? error : "text after the closing quote of field " + (fields.size() + 1);
          c = skipToFieldEnd();
        }
      } else {
        while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
          if (c == '"' && error == null) {
            error = "quote inside unquoted field " + (fields.size() + 1)
                + " (a field containing quotes must be quoted, with quotes doubled)";
          }
          take((char) c, start);
          pos++;
          c = peek();
        }
      }
      fields.add(field.toString());
      if (c == ',') {
        pos++;
        continue;
      }
      if (c >= 0) {
        consumeLineBreak(c);
      }
      return new CsvRecord(start, fields.toArray(new String[0]), error);
    }
  }

  private void readQuoted(long start) {
    while (true) {
      int c = peek();
      if (c < 0) {
        throw new ExchangeFormatException(start, "quoted field is not closed before the end of the input");
      }
      pos++;
      if (c == '"') {
        if (peek() == '"') {
          pos++;
          take('"', start);
          continue;
        }
        return;
      }
      if (c == '\n') {
        line++;
      } else if (c == '\r') {
        if (peek() != '\n') {
          line++;
        }
      }
      take((char) c, start);
    }
  }

  private int skipToFieldEnd() {
    int c = peek();
    while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
      pos++;
      c = peek();
    }
    return c;
  }

  private void take(char c, long start) {
    if (++recordChars > MAX_RECORD_CHARS) {
      throw new ExchangeFormatException(start, "record is longer than " + MAX_RECORD_CHARS
          + " characters (is a quote not closed?)");
    }
    field.append(c);
  }

  private void consumeLineBreak(int c) {
    pos++;
    if (c == '\r' && peek() == '\n') {
      pos++;
    }
    line++;
  }

  private int peek() {
    if (pos < limit) {
      return buf[pos];
    }
    if (eof) {
      return -1;
    }
    try {
      int n;
      do {
        n = in.read(buf, 0, buf.length);
      } while (n == 0);
      if (n < 0) {
        eof = true;
        return -1;
      }
      pos = 0;
      limit = n;
      return buf[0];
    } catch (IOException e) {
      throw new UncheckedIOException("reading line " + line + ": " + e.getMessage(), e);
    }
  }
}
