package org.cordon.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.cordon.core.exchange.ExchangeSyntax;
import org.cordon.core.exchange.RecordKind;
import org.cordon.server.intake.IntakeManagement;
import org.cordon.server.intake.IntakeReport;

/** Test data stored through the intake, as an upload would store it. */
public final class Ingest {
  private Ingest() {
  }

  /** Stores {@code csv} (header line first) as records of {@code kind}, asserting that none is rejected. */
  public static IntakeReport csv(IntakeManagement intake, RecordKind kind, String csv) {
    IntakeReport report = intake.ingest(kind, ExchangeSyntax.CSV,
        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), false);
    assertThat(report.rejected()).as("%s", report).isZero();
    return report;
  }
}
