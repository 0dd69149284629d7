package org.cordon.core.exchange;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * ISO-8601 timestamps as they appear in exchange files.
 *
 * <p>Reading accepts {@code yyyy-MM-ddTHH:mm[:ss[.fraction]]} followed by {@code Z}, {@code ±HH:MM},
 * {@code ±HHMM} or {@code ±HH}; a time without offset is local time in Asia/Shanghai. A space may
 * stand for the {@code T}. Writing always produces {@code yyyy-MM-ddTHH:mm:ss[.fraction]+08:00}, the
 * Asia/Shanghai offset, without {@code String.format} or {@code OffsetDateTime} so the city generator
 * can write millions of timestamps cheaply.
 */
public final class IsoTime {

  /** Zone of a timestamp written without offset. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

  private static final int WRITE_OFFSET_SECONDS = 8 * 3600;
  private static final long SECONDS_PER_DAY = 86_400;

  private IsoTime() {
  }

  /**
   * Parses {@code text} as the value of column {@code field}.
   *
   * @throws RowException naming the field, the text and the rule it breaks
   */
  public static Instant parse(String field, String text) {
    if (text == null || text.isEmpty()) {
      throw new RowException(field + " is empty");
    }
    try {
      return parseStrict(text);
    } catch (DateTimeException e) {
      throw new RowException(field + " '" + text + "' is not ISO-8601 (e.g. 2022-03-01T08:15:00+08:00): "
          + e.getMessage());
    }
  }

  private static Instant parseStrict(String s) {
    int n = s.length();
    if (n < 16) {
      throw new DateTimeException("too short");
    }
    expect(s, 4, '-');
    expect(s, 7, '-');
    if (s.charAt(10) != 'T' && s.charAt(10) != 't' && s.charAt(10) != ' ') {
      throw new DateTimeException("expected 'T' at position 11");
    }
    expect(s, 13, ':');
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = 0;
    int nanos = 0;
    int i = 16;
    if (i < n && s.charAt(i) == ':') {
      if (i + 3 > n) {
        throw new DateTimeException("seconds need two digits");
      }
      second = digits(s, i + 1, 2);
      i += 3;
      if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
        int start = ++i;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
          i++;
        }
        int len = i - start;
        if (len == 0 || len > 9) {
          throw new DateTimeException("fraction of a second must have 1..9 digits");
        }
        nanos = digits(s, start, len);
        for (int k = len; k < 9; k++) {
          nanos *= 10;
        }
      }
    }
    LocalDate date = checkedDate(year, month, day);
    if (hour > 23 || minute > 59 || second > 59) {
      throw new DateTimeException("time of day " + s.substring(11, Math.min(n, 19))
          + " is out of range");
    }
    long local = date.toEpochDay() * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
    int offset;
    if (i == n) {
      offset = DEFAULT_ZONE.getRules().getOffset(LocalDateTime.of(date, LocalTime.of(hour, minute,
          second))).getTotalSeconds();
    } else {
      offset = parseOffset(s, i);
    }
    return Instant.ofEpochSecond(local - offset, nanos);
  }

  private static LocalDate checkedDate(int year, int month, int day) {
    if (month < 1 || month > 12) {
      throw new DateTimeException("month " + month + " is not 1..12");
    }
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      throw new DateTimeException("day " + day + " does not exist in " + year + "-"
          + (month < 10 ? "0" : "") + month);
    }
  }

  private static int parseOffset(String s, int i) {
    int n = s.length();
    char sign = s.charAt(i);
    if ((sign == 'Z' || sign == 'z') && i + 1 == n) {
      return 0;
    }
    if (sign != '+' && sign != '-') {
      throw new DateTimeException("unexpected '" + s.substring(i) + "' where an offset (Z, +08:00) belongs");
    }
    int rest = n - i - 1;
    int hours;
    int minutes = 0;
    if (rest == 2) {
      hours = digits(s, i + 1, 2);
    } else if (rest == 4) {
      hours = digits(s, i + 1, 2);
      minutes = digits(s, i + 3, 2);
    } else if (rest == 5 && s.charAt(i + 3) == ':') {
      hours = digits(s, i + 1, 2);
      minutes = digits(s, i + 4, 2);
    } else {
      throw new DateTimeException("offset '" + s.substring(i) + "' is not ±HH:MM");
    }
    if (hours > 18 || minutes > 59) {
      throw new DateTimeException("offset '" + s.substring(i) + "' is out of range");
    }
    int total = hours * 3600 + minutes * 60;
    return sign == '-' ? -total : total;
  }

  private static void expect(String s, int i, char c) {
    if (s.charAt(i) != c) {
      throw new DateTimeException("expected '" + c + "' at position " + (i + 1));
    }
  }

  private static int digits(String s, int from, int count) {
    if (from + count > s.length()) {
      throw new DateTimeException("too short");
    }
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new DateTimeException("expected a digit at position " + (i + 1) + ", got '" + c + "'");
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** Appends {@code t} as {@code yyyy-MM-ddTHH:mm:ss[.fraction]+08:00}. */
  public static void append(Instant t, StringBuilder out) {
    long local = t.getEpochSecond() + WRITE_OFFSET_SECONDS;
    long day = Math.floorDiv(local, SECONDS_PER_DAY);
    int secOfDay = (int) Math.floorMod(local, SECONDS_PER_DAY);
    appendDate(day, out);
    out.append('T');
    two(secOfDay / 3600, out);
    out.append(':');
    two(secOfDay / 60 % 60, out);
    out.append(':');
    two(secOfDay % 60, out);
    int nanos = t.getNano();
    if (nanos != 0) {
      out.append('.');
      int digits = 9;
      while (nanos % 10 == 0) {
        nanos /= 10;
        digits--;
      }
      // left-pad the fraction to its significant digit count
      int len = stringSize(nanos);
      for (int k = len; k < digits; k++) {
        out.append('0');
      }
      out.append(nanos);
    }
    out.append("+08:00");
  }

  /** The written form of {@code t}; see {@link #append(Instant, StringBuilder)}. */
  public static String format(Instant t) {
    StringBuilder sb = new StringBuilder(25);
    append(t, sb);
    return sb.toString();
  }

  /**
   * Microseconds since the epoch, truncated: the precision PostgreSQL keeps, and how its binary
   * formats and the server's array statements carry a timestamp.
   */
  public static long epochMicros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  /** The instant {@code micros} microseconds after the epoch (the inverse of {@link #epochMicros}). */
  public static Instant ofEpochMicros(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /** The offset all written timestamps carry. */
  public static ZoneOffset writeOffset() {
    return ZoneOffset.ofTotalSeconds(WRITE_OFFSET_SECONDS);
  }

  private static void appendDate(long epochDay, StringBuilder out) {
    LocalDate d = LocalDate.ofEpochDay(epochDay);
    int y = d.getYear();
    if (y < 0 || y > 9999) {
      throw new IllegalArgumentException("year " + y + " cannot be written as four digits");
    }
    out.append((char) ('0' + y / 1000)).append((char) ('0' + y / 100 % 10))
        .append((char) ('0' + y / 10 % 10)).append((char) ('0' + y % 10));
    out.append('-');
    two(d.getMonthValue(), out);
    out.append('-');
    two(d.getDayOfMonth(), out);
  }

  private static void two(int v, StringBuilder out) {
    out.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  private static int stringSize(int v) {
    int size = 1;
    while (v >= 10) {
      v /= 10;
      size++;
    }
    return size;
  }
}
