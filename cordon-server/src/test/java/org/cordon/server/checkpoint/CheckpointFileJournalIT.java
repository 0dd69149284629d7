package org.cordon.server.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link CheckpointApiIT} on H2 with the checks made durable in the local entry file
 * ({@code cordon.checkpoint.journal=file}, small segments) and moved into the tables by its loader.
 */
class CheckpointFileJournalIT extends CheckpointApiIT {

  static Path dir;

  @DynamicPropertySource
  static void entryFile(DynamicPropertyRegistry registry) throws Exception {
    dir = Files.createTempDirectory("cordon-entry-file");
    registry.add("cordon.checkpoint.journal", () -> "file");
    registry.add("cordon.checkpoint.journal-dir", dir::toString);
    registry.add("cordon.checkpoint.segment-bytes", () -> "4096");
  }

  @Test
  void theChecksGoThroughTheEntryFile() throws Exception {
    assertThat(dir.resolve("journal-id")).exists();
    String id = Files.readString(dir.resolve("journal-id")).strip();
    assertThat(stored("select count(*) from checkpoint_entry_file where file_id = ?", id)).isEqualTo(1);
  }
}
