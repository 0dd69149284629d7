package org.cordon.server.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntryFileTest {

  @TempDir
  Path dir;

  private static CheckpointEntry entry(int i) {
    return new CheckpointEntry(Instant.parse("2022-04-12T08:00:00Z").plusNanos(i * 1_000L + 123_000L),
        "V-" + (i % 7), 1000 + i, "token:tok_" + i, "k" + i, i % 3 == 0 ? "yellow" : "green",
        i % 5 == 0 ? null : new BigDecimal("36." + (i % 10)), i % 2 == 0, i % 4 == 0, i % 3 != 0,
        i % 3 == 0 ? "yellow code: no entry; get a PCR test" : "绿码，请通行 green code: enter");
  }

  private static List<CheckpointEntry> entries(int from, int count) {
    List<CheckpointEntry> out = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      out.add(entry(i));
    }
    return out;
  }

  private static List<EntryFile.Numbered> readAll(EntryFile file, long after) throws IOException {
    try (EntryFile.Reader r = file.reader(after)) {
      List<EntryFile.Numbered> all = new ArrayList<>();
      List<EntryFile.Numbered> next;
      while (!(next = r.next(37)).isEmpty()) {
        all.addAll(next);
      }
      return all;
    }
  }

  @Test
  void entriesComeBackAsWrittenNumberedWithoutGapsAcrossSegments() throws IOException {
    Random random = new Random(7);
    List<CheckpointEntry> written = new ArrayList<>();
    try (EntryFile file = EntryFile.open(dir, 4096)) {
      file.startWriting(0);
      int i = 0;
      while (i < 500) {
        int n = 1 + random.nextInt(20);
        List<CheckpointEntry> group = entries(i, n);
        file.append(group);
        written.addAll(group);
        i += n;
      }
      assertThat(file.lastDurableSeq()).isEqualTo(written.size());
      assertThat(file.segments()).hasSizeGreaterThan(5);
      List<EntryFile.Numbered> read = readAll(file, 0);
      assertThat(read).extracting(EntryFile.Numbered::entry).containsExactlyElementsOf(
          written.stream().map(e -> new CheckpointEntry(e.checkedAt(), e.venueId(), e.personId(), e.device(),
              e.tokenId(), e.colour(), e.temperature() == null ? null : e.temperature().setScale(1),
              e.masked(), e.staff(), e.allowed(), e.reason())).toList());
      for (int k = 0; k < read.size(); k++) {
        assertThat(read.get(k).seq()).isEqualTo(k + 1);
      }
      assertThat(readAll(file, 450)).extracting(EntryFile.Numbered::seq).first().isEqualTo(451L);
    }
  }

  @Test
  void segmentsMadeAheadFullOfZerosReadLikeAnyOtherAndAcrossARestart() throws IOException {
    List<CheckpointEntry> written = new ArrayList<>();
    try (EntryFile file = EntryFile.open(dir, 8192)) {
      file.prepareSpare();
      file.startWriting(0); // takes the spare
      for (int i = 0; i < 300; i += 10) {
        file.prepareSpare();
        List<CheckpointEntry> group = entries(i, 10);
        file.append(group);
        written.addAll(group);
      }
      assertThat(file.segments()).hasSizeGreaterThan(3)
          .allSatisfy(p -> assertThat(Files.size(p)).isEqualTo(8192));
      assertThat(readAll(file, 0)).hasSize(300);
    }
    try (EntryFile file = EntryFile.open(dir, 8192)) {
      assertThat(file.lastOnDisk()).isEqualTo(300);
      file.startWriting(0);
      file.append(entries(1000, 1));
      List<EntryFile.Numbered> all = readAll(file, 0);
      assertThat(all).extracting(EntryFile.Numbered::seq).last().isEqualTo(301L);
      assertThat(all).hasSize(301);
      assertThat(all.get(299).entry().personId()).isEqualTo(written.get(299).personId());
    }
  }

  @Test
  void aReaderNeverReadsPastWhatIsSyncedAndPicksUpWhatComesLater() throws IOException {
    try (EntryFile file = EntryFile.open(dir, 1 << 20)) {
      file.startWriting(0);
      file.append(entries(0, 3));
      try (EntryFile.Reader r = file.reader(0)) {
        assertThat(r.next(100)).hasSize(3);
        assertThat(r.next(100)).isEmpty();
        file.append(entries(3, 2));
        assertThat(r.next(100)).extracting(EntryFile.Numbered::seq).containsExactly(4L, 5L);
      }
    }
  }

  /** Writes {@code count} entries in one group and closes the file: its one segment. */
  private Path oneSegmentOf(int count) throws IOException {
    try (EntryFile file = EntryFile.open(dir, 1 << 20)) {
      file.startWriting(0);
      file.append(entries(0, count));
      return file.segments().get(0);
    }
  }

  @Test
  void aTornTailIsIgnoredAndTheNextRunWritesANewSegmentAfterTheLastWholeEntry() throws IOException {
    Path segment = oneSegmentOf(10);
    long size = Files.size(segment);
    try (FileChannel c = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      c.truncate(size - 5); // the last record loses its last bytes: a crash in the middle of a write
    }
    try (EntryFile file = EntryFile.open(dir, 1 << 20)) {
      assertThat(file.lastOnDisk()).isEqualTo(9);
      file.startWriting(0);
      file.append(entries(100, 2));
      assertThat(readAll(file, 0)).extracting(EntryFile.Numbered::seq)
          .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
      assertThat(readAll(file, 0).get(9).entry().personId()).isEqualTo(1100);
    }
  }

  @Test
  void aCorruptedRecordEndsItsSegmentThere() throws IOException {
    Path segment = oneSegmentOf(6);
    byte[] bytes = Files.readAllBytes(segment);
    bytes[bytes.length / 2] ^= 0x5A;
    Files.write(segment, bytes);
    try (EntryFile file = EntryFile.open(dir, 1 << 20)) {
      assertThat(file.lastOnDisk()).isBetween(1L, 5L);
      file.startWriting(0);
      assertThat(readAll(file, 0)).hasSize((int) file.lastOnDisk());
    }
  }

  @Test
  void numberingContinuesAfterWhatTheDatabaseLoadedWhenLoadedSegmentsAreGone() throws IOException {
    try (EntryFile file = EntryFile.open(dir, 4096)) {
      file.startWriting(0);
      for (int i = 0; i < 20; i++) {
        file.append(entries(i * 10, 10));
      }
      try (EntryFile.Reader r = file.reader(0)) {
        while (!r.next(1000).isEmpty()) {
          // read to the end
        }
        r.deleteLoaded(200);
      }
      assertThat(file.segments()).hasSize(1); // the one being written is kept
    }
    try (EntryFile file = EntryFile.open(dir, 4096)) {
      file.startWriting(200);
      file.append(entries(0, 1));
      assertThat(readAll(file, 200)).extracting(EntryFile.Numbered::seq).containsExactly(201L);
    }
  }

  @Test
  void aRestartWithNothingWrittenSinceTheLastStartReusesItsEmptySegment() throws IOException {
    for (boolean spare : new boolean[] {false, true, false}) {
      try (EntryFile file = EntryFile.open(dir, 8192)) {
        if (spare) {
          file.prepareSpare();
        }
        file.startWriting(0); // no check before the stop (or the crash)
      }
    }
    try (EntryFile file = EntryFile.open(dir, 8192)) {
      file.startWriting(0);
      file.append(entries(0, 2));
      assertThat(readAll(file, 0)).extracting(EntryFile.Numbered::seq).containsExactly(1L, 2L);
      assertThat(file.segments()).hasSize(1);
    }
  }

  @Test
  void theDirectoryIsLockedAndKeepsItsIdentity() throws IOException {
    String id;
    try (EntryFile file = EntryFile.open(dir, 4096)) {
      id = file.id();
      assertThatThrownBy(() -> EntryFile.open(dir, 4096)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("in use");
    }
    try (EntryFile file = EntryFile.open(dir, 4096)) {
      assertThat(file.id()).isEqualTo(id);
    }
  }
}
