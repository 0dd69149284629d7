package org.cordon.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.cordon.core.exchange.RowException;
import org.junit.jupiter.api.Test;

class TestingFormatsTest {

  @Test
  void samplesRoundTrip() {
    SampleScan s = new SampleScan(42, "TY000123", "S-7", Instant.parse("2022-04-05T01:02:03Z"));
    StringBuilder line = new StringBuilder();
    SampleScanFormat.INSTANCE.append(s, line);
    assertThat(line.toString()).isEqualTo("42,TY000123,S-7,2022-04-05T09:02:03+08:00\n");
    assertThat(SampleScanFormat.INSTANCE.parse(line.toString().strip().split(","))).isEqualTo(s);
    assertThat(SampleScanFormat.INSTANCE.headerLine()).isEqualTo("person_id,tube_barcode,site_id,sampled_at\n");
  }

  @Test
  void resultsRoundTripWithAndWithoutSource() {
    TubeResultReport r = new TubeResultReport("TY1", TubeResult.POSITIVE, Instant.parse("2022-04-05T06:00:00Z"),
        "lab-3");
    StringBuilder line = new StringBuilder();
    TubeResultFormat.INSTANCE.append(r, line);
    assertThat(TubeResultFormat.INSTANCE.parse(line.toString().strip().split(",", -1))).isEqualTo(r);
    assertThat(TubeResultFormat.INSTANCE.parse(new String[] {"TY1", "NEGATIVE", "2022-04-05T14:00:00+08:00", ""}))
        .isEqualTo(new TubeResultReport("TY1", TubeResult.NEGATIVE, Instant.parse("2022-04-05T06:00:00Z"), null));
  }

  @Test
  void badRowsSayWhatIsWrong() {
    String time = "2022-04-05T14:00:00+08:00";
    assertThatThrownBy(() -> SampleScanFormat.INSTANCE.parse(new String[] {"-1", "T", "S", time}))
        .isInstanceOf(RowException.class).hasMessageContaining("person_id");
    assertThatThrownBy(() -> SampleScanFormat.INSTANCE.parse(new String[] {"1", "T 1", "S", time}))
        .isInstanceOf(RowException.class).hasMessageContaining("tube_barcode");
    assertThatThrownBy(() -> TubeResultFormat.INSTANCE.parse(new String[] {"T1", "maybe", time, ""}))
        .isInstanceOf(RowException.class).hasMessageContaining("negative, positive or invalid");
    assertThatThrownBy(() -> TubeResultFormat.INSTANCE.parse(new String[] {"T1", "negative", "yesterday", ""}))
        .isInstanceOf(RowException.class).hasMessageContaining("resulted_at");
  }
}
