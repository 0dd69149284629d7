package org.cordon.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code cordon pool-plan}: the table, the recommendation, and exit 2 with a message on bad input. */
class PoolPlanCommandTest {

  record Run(int exit, String out, String err) {
  }

  private static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      String[] all = new String[args.length + 1];
      all[0] = "pool-plan";
      System.arraycopy(args, 0, all, 1, args.length);
      int exit = new CommandLine(new CordonCommand()).execute(all);
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void printsTheFieldSizesWithTheRecommendationMarked() {
    Run r = run("--prevalence", "0.001");
    assertThat(r.exit()).isZero();
    List<String> rows = r.out().lines().filter(l -> l.matches("\\s+\\d+\\s.*")).toList();
    assertThat(rows).hasSize(4);
    assertThat(rows.get(2)).contains("10", "0.109955", "109,955", "9,955").doesNotContain("recommended");
    assertThat(rows.get(3)).contains("20", "69,811", "19,811", "recommended");
    assertThat(r.out()).contains("recommended: 20 per tube");
  }

  @Test
  void maxPoolComparesEverySize() {
    Run r = run("--prevalence", "1%", "--max-pool", "15");
    assertThat(r.exit()).isZero();
    assertThat(r.out().lines().filter(l -> l.matches("\\s+\\d+\\s.*")).count()).isEqualTo(15);
    assertThat(r.out()).contains("recommended: 11 per tube");
  }

  @Test
  void refusesBadInputWithExitTwo() {
    for (String[] args : List.of(new String[] {"--prevalence", "0"}, new String[] {"--prevalence", "1"},
        new String[] {"--prevalence", "abc"}, new String[] {"--prevalence", "150%"},
        new String[] {"--prevalence", "0.01", "--max-pool", "0"},
        new String[] {"--prevalence", "0.01", "--max-pool", "1001"},
        new String[] {"--prevalence", "0.01", "--max-pool", "ten"})) {
      Run r = run(args);
      assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err()).contains("cordon pool-plan: --");
      assertThat(r.out()).isEmpty();
    }
  }
}
