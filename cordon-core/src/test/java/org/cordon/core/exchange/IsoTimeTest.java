package org.cordon.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IsoTimeTest {

  @Test
  void writesWhatTheJdkFormatterWritesAtPlusEight() {
    Random rnd = new Random(11);
    DateTimeFormatter iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    for (int k = 0; k < 100_000; k++) {
      long sec = rnd.nextLong() % 4_000_000_000L;
      if (sec < -2_000_000_000L) {
        sec = -sec;
      }
      int nanos = switch (k % 4) {
        case 0 -> 0;
        case 1 -> rnd.nextInt(1000) * 1_000_000;
        case 2 -> rnd.nextInt(1_000_000) * 1000;
        default -> rnd.nextInt(1_000_000_000);
      };
      Instant t = Instant.ofEpochSecond(sec, nanos);
      String expected = OffsetDateTime.ofInstant(t, ZoneOffset.ofHours(8)).format(iso);
      assertThat(IsoTime.format(t)).isEqualTo(expected);
      assertThat(IsoTime.parse("time", expected)).isEqualTo(t);
    }
  }

  @ParameterizedTest
  @CsvSource({
      "2022-03-01T08:15:00+08:00, 2022-03-01T00:15:00Z",
      "2022-03-01T00:15:00Z, 2022-03-01T00:15:00Z",
      "2022-03-01T00:15:00z, 2022-03-01T00:15:00Z",
      "2022-03-01T02:15:00+0200, 2022-03-01T00:15:00Z",
      "2022-03-01T02:15:00+02, 2022-03-01T00:15:00Z",
      "2022-02-28T19:15:00-05:00, 2022-03-01T00:15:00Z",
      "2022-03-01T08:15+08:00, 2022-03-01T00:15:00Z",
      "2022-03-01 08:15:00+08:00, 2022-03-01T00:15:00Z",
      "2022-03-01T08:15:00.250+08:00, 2022-03-01T00:15:00.250Z",
      "2022-03-01T08:15:00, 2022-03-01T00:15:00Z",
      "2022-03-01T08:15, 2022-03-01T00:15:00Z",
  })
  void readsAnyOffsetAndTakesShanghaiWhenThereIsNone(String text, String instant) {
    assertThat(IsoTime.parse("time", text)).isEqualTo(Instant.parse(instant));
  }

  @Test
  void takesShanghaiSummerTimeOf1988ForALocalTimeThen() {
    // China observed summer time 1986-1991: local 1988-07-01 12:00 was UTC+9.
    Instant expected = LocalDateTime.of(1988, 7, 1, 12, 0).atZone(IsoTime.DEFAULT_ZONE).toInstant();
    assertThat(IsoTime.parse("time", "1988-07-01T12:00:00")).isEqualTo(expected)
        .isEqualTo(Instant.parse("1988-07-01T03:00:00Z"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2022-13-01T08:00:00+08:00 | time '2022-13-01T08:00:00+08:00' is not ISO-8601 (e.g. 2022-03-01T08:15:00+08:00): month 13 is not 1..12",
      "2022-02-30T08:00:00+08:00 | day 30 does not exist in 2022-02",
      "2022-02-01T24:00:00+08:00 | time of day 24:00:00 is out of range",
      "2022-02-01T08:00:00+25:00 | offset '+25:00' is out of range",
      "2022-02-01T08:00:00 CST   | where an offset (Z, +08:00) belongs",
      "01/02/2022 08:00          | expected '-' at position 5",
      "2022-02-01                | too short",
      "2022-02-01T08:0x:00+08:00 | expected a digit at position 16",
      "2022-02-01T08:00:00.+08:00| fraction of a second must have 1..9 digits",
  })
  void rejectsMalformedTimesSayingWhy(String text, String reason) {
    assertThatThrownBy(() -> IsoTime.parse("time", text.strip()))
        .isInstanceOf(RowException.class).hasMessageContaining(reason);
  }

  @Test
  void rejectsAnEmptyTime() {
    assertThatThrownBy(() -> IsoTime.parse("exit_time", "")).hasMessage("exit_time is empty");
  }

  @Test
  void epochMicrosTruncateToTheMicrosecondAndComeBackBeforeTheEpochToo() {
    java.time.Instant t = java.time.Instant.parse("2022-04-12T08:00:00.123456789Z");
    assertThat(IsoTime.epochMicros(t)).isEqualTo(1_649_750_400_123_456L);
    assertThat(IsoTime.ofEpochMicros(IsoTime.epochMicros(t))).isEqualTo(java.time.Instant.parse("2022-04-12T08:00:00.123456Z"));
    java.time.Instant before = java.time.Instant.parse("1969-12-31T23:59:59.999999Z");
    assertThat(IsoTime.epochMicros(before)).isEqualTo(-1L);
    assertThat(IsoTime.ofEpochMicros(-1L)).isEqualTo(before);
  }
}
