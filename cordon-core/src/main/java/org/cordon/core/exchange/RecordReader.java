package org.cordon.core.exchange;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Streams the records of one exchange file, CSV or NDJSON, one {@link ParsedRow} at a time with its
 * line number and, for a bad row, the specific reason. Memory stays bounded whatever the input size.
 *
 * <p>CSV: the first record is the header; its columns may come in any order, optional columns may be
 * left out, and a missing, unknown or repeated column ends reading with an {@link
 * ExchangeFormatException} on line 1. Every data row must have as many fields as the header. NDJSON:
 * every non-blank line is a flat JSON object with the same field names as the CSV columns; a field
 * that is absent or {@code null} counts as empty, an unknown field makes the row bad. Not thread-safe.
 *
 * @param <T> the record kind
 */
public final class RecordReader<T> {

  private static final int MAX_LINE_CHARS = CsvReader.MAX_RECORD_CHARS;

  private final RecordFormat<T> format;
  private final ExchangeSyntax syntax;
  private final Reader in;
  private final CsvReader csv;
  private int[] csvIndex;
  private int headerWidth;
  private long ndjsonLine;
  private final StringBuilder lineText = new StringBuilder(256);
  private final char[] buf;
  private int pos;
  private int limit;

  public RecordReader(RecordFormat<T> format, ExchangeSyntax syntax, Reader in) {
    this.format = format;
    this.syntax = syntax;
    this.in = in;
    this.csv = syntax == ExchangeSyntax.CSV ? new CsvReader(in) : null;
    this.buf = syntax == ExchangeSyntax.NDJSON ? new char[1 << 16] : null;
  }

  /**
   * The next data row, or {@code null} at the end of the input.
   *
   * @throws ExchangeFormatException when the header is bad or the input cannot be read further
   */
  public ParsedRow<T> next() {
    return syntax == ExchangeSyntax.CSV ? nextCsv() : nextNdjson();
  }

  private ParsedRow<T> nextCsv() {
    if (csvIndex == null) {
      readHeader();
    }
    CsvRecord r = csv.next();
    if (r == null) {
      return null;
    }
    if (r.error() != null) {
      return new ParsedRow<>(r.line(), null, r.error());
    }
    String[] f = r.fields();
    if (f.length != headerWidth) {
      return new ParsedRow<>(r.line(), null,
          "expected " + headerWidth + " columns, got " + f.length);
    }
    String[] values = new String[csvIndex.length];
    for (int j = 0; j < values.length; j++) {
      values[j] = csvIndex[j] < 0 ? "" : f[csvIndex[j]];
    }
    return parse(r.line(), values);
  }

  private void readHeader() {
    CsvRecord h = csv.next();
    if (h == null) {
      throw new ExchangeFormatException(1, "the input is empty; a header line is required: "
          + expectedHeader());
    }
    if (h.error() != null) {
      throw new ExchangeFormatException(h.line(), "header: " + h.error());
    }
    String[] names = h.fields();
    if (names.length > 0 && names[0].startsWith("\uFEFF")) {
      names[0] = names[0].substring(1);
    }
    List<Column> columns = format.columns();
    Map<String, Integer> position = new HashMap<>();
    for (int j = 0; j < columns.size(); j++) {
      position.put(columns.get(j).name(), j);
    }
    int[] index = new int[columns.size()];
    java.util.Arrays.fill(index, -1);
    List<String> problems = new ArrayList<>();
    for (int k = 0; k < names.length; k++) {
      String name = names[k].strip();
      Integer j = position.get(name);
      if (j == null) {
        problems.add("unknown column '" + name + "'");
      } else if (index[j] >= 0) {
        problems.add("column '" + name + "' appears twice");
      } else {
        index[j] = k;
      }
    }
    for (int j = 0; j < columns.size(); j++) {
      if (index[j] < 0 && columns.get(j).required()) {
        problems.add("missing column '" + columns.get(j).name() + "'");
      }
    }
    if (!problems.isEmpty()) {
      throw new ExchangeFormatException(h.line(), "header: " + String.join("; ", problems)
          + " (expected " + expectedHeader() + ")");
    }
    csvIndex = index;
    headerWidth = names.length;
  }

  private String expectedHeader() {
    StringJoiner j = new StringJoiner(",");
    for (Column c : format.columns()) {
      j.add(c.required() ? c.name() : "[" + c.name() + "]");
    }
    return j.toString();
  }

  private ParsedRow<T> nextNdjson() {
    while (true) {
      String text = readLine();
      if (text == null) {
        return null;
      }
      if (text.isBlank()) {
        continue;
      }
      try {
        return new ParsedRow<>(ndjsonLine, fromFields(format, FlatJson.parseObject(text)), null);
      } catch (IllegalArgumentException e) {
        return new ParsedRow<>(ndjsonLine, null, e.getMessage());
      }
    }
  }

  /**
   * Makes a record from named field values (JSON field names as the CSV columns); absent or
   * {@code null} values count as empty.
   *
   * @throws IllegalArgumentException naming an unknown field or what is wrong with a value
   */
  public static <R> R fromFields(RecordFormat<R> format, Map<String, String> fields) {
    List<Column> columns = format.columns();
    String[] values = new String[columns.size()];
    int known = 0;
    for (int j = 0; j < values.length; j++) {
      String name = columns.get(j).name();
      String v = fields.get(name);
      if (fields.containsKey(name)) {
        known++;
      }
      values[j] = v == null ? "" : v;
    }
    if (known != fields.size()) {
      for (String name : fields.keySet()) {
        if (columns.stream().noneMatch(c -> c.name().equals(name))) {
          throw new RowException("unknown field '" + name + "'");
        }
      }
    }
    return format.parse(values);
  }

  private ParsedRow<T> parse(long line, String[] values) {
    try {
      return new ParsedRow<>(line, format.parse(values), null);
    } catch (IllegalArgumentException e) {
      return new ParsedRow<>(line, null, e.getMessage());
    }
  }

  private String readLine() {
    lineText.setLength(0);
    int c = read();
    if (c < 0) {
      return null;
    }
    ndjsonLine++;
    while (c >= 0 && c != '\n') {
      if (lineText.length() >= MAX_LINE_CHARS) {
        throw new ExchangeFormatException(ndjsonLine, "line is longer than " + MAX_LINE_CHARS
            + " characters");
      }
      lineText.append((char) c);
      c = read();
    }
    int n = lineText.length();
    if (n > 0 && lineText.charAt(n - 1) == '\r') {
      lineText.setLength(n - 1);
    }
    if (ndjsonLine == 1 && lineText.length() > 0 && lineText.charAt(0) == '\uFEFF') {
      lineText.deleteCharAt(0);
    }
    return lineText.toString();
  }

  private int read() {
    if (pos < limit) {
      return buf[pos++];
    }
    try {
      int n;
      do {
        n = in.read(buf, 0, buf.length);
      } while (n == 0);
      if (n < 0) {
        return -1;
      }
      pos = 1;
      limit = n;
      return buf[0];
    } catch (IOException e) {
      throw new UncheckedIOException("reading line " + ndjsonLine + ": " + e.getMessage(), e);
    }
  }
}
