package org.cordon.server.checkpoint;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.cordon.core.exchange.IsoTime;

/**
 * The checkpoint's local entry file: append-only segment files of entries, each group written and
 * synced ({@code fdatasync}) before its checks are answered, and moved into the database in large
 * batches by {@link EntryFileLoader}. A sync of a local file costs the machine a fraction of what a
 * database commit does (no statement, no second process, no index), which is where a check's CPU went
 * (BENCHMARKS.md, venue checkpoint).
 *
 * <p>A segment is named after the sequence number of its first entry ({@code entries-<seq>.log}) and
 * holds records {@code [payload length][CRC-32C of the payload][payload]}, numbered without gaps. A
 * crash can leave the last group torn: reading stops at the first record that is short or fails its
 * checksum, and every start writes a new segment, so a torn tail is never written over or after. Such a
 * group was never synced, hence never acknowledged. One process at a time: the directory is locked.
 */
final class EntryFile implements Closeable {

  static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
  private static final String PREFIX = "entries-";
  private static final String SUFFIX = ".log";
  private static final String SPARE = "spare-segment";
  private static final int HEADER = 8;
  private static final int NO_TEMPERATURE = Integer.MIN_VALUE;

  /** A durable end: bytes of segment {@code segment} (its first seq) up to {@code offset} are synced. */
  record Position(long segment, long offset) {
  }

  /** An entry with its sequence number. */
  record Numbered(long seq, CheckpointEntry entry) {
  }

  private final Path dir;
  private final long segmentBytes;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final String id;
  private final long lastOnDisk;
  private FileChannel segment;
  private long segmentFirst;
  private long offset;
  private long nextSeq = -1;
  private boolean broken;
  private ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
  private volatile Position durable;
  private volatile long lastDurableSeq;

  private EntryFile(Path dir, long segmentBytes) throws IOException {
    this.dir = dir;
    this.segmentBytes = segmentBytes;
    Files.createDirectories(dir);
    this.lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock locked;
    try {
      locked = lockChannel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      locked = null; // held by this very process
    }
    this.lock = locked;
    if (lock == null) {
      lockChannel.close();
      throw new IllegalStateException("the checkpoint entry file " + dir + " is in use by another process");
    }
    this.id = readOrCreateId(dir);
    this.lastOnDisk = lastSeqOnDisk();
  }

  /** Opens (creating if need be) and locks the entry file in {@code dir}; call {@link #startWriting} next. */
  static EntryFile open(Path dir, long segmentBytes) {
    try {
      return new EntryFile(dir, segmentBytes);
    } catch (IOException e) {
      throw new UncheckedIOException("opening the checkpoint entry file " + dir, e);
    }
  }

  /** This file's identity, under which the database remembers how far it has been loaded. */
  String id() {
    return id;
  }

  /** The last sequence number found on disk at opening, 0 if none. */
  long lastOnDisk() {
    return lastOnDisk;
  }

  /**
   * Starts a new segment after everything on disk and everything the database has loaded
   * ({@code loadedSeq}, possibly past what is left on disk once loaded segments are deleted).
   */
  synchronized void startWriting(long loadedSeq) {
    nextSeq = Math.max(lastOnDisk, loadedSeq) + 1;
    lastDurableSeq = nextSeq - 1;
    try {
      openSegment(nextSeq);
    } catch (IOException e) {
      throw new UncheckedIOException("starting a segment in " + dir, e);
    }
  }

  /** What is synced; a reader reads no further. */
  Position durable() {
    return durable;
  }

  /** The sequence number of the last synced entry. */
  long lastDurableSeq() {
    return lastDurableSeq;
  }

  /**
   * Appends {@code group} and syncs it; when this returns normally every entry is on disk. On failure
   * nothing of the group counts: the bytes written are cut off again, and if even that fails the file
   * refuses every further group (its tail is unknown) until the server restarts.
   */
  synchronized void append(List<CheckpointEntry> group) throws IOException {
    if (broken) {
      throw new IOException("the checkpoint entry file stopped after a write failure; restart the server");
    }
    if (nextSeq < 0) {
      throw new IllegalStateException("startWriting first");
    }
    buffer.clear();
    long seq = nextSeq;
    for (CheckpointEntry e : group) {
      encode(seq++, e);
    }
    buffer.flip();
    if (offset > 0 && offset + buffer.remaining() > segmentBytes) {
      segment.close();
      openSegment(nextSeq);
    }
    long start = offset;
    try {
      while (buffer.hasRemaining()) {
        offset += segment.write(buffer, offset);
      }
      segment.force(false);
    } catch (IOException e) {
      offset = start;
      try {
        segment.truncate(start);
        segment.force(false);
      } catch (IOException again) {
        broken = true;
        e.addSuppressed(again);
      }
      throw e;
    }
    nextSeq = seq;
    lastDurableSeq = seq - 1;
    durable = new Position(segmentFirst, offset);
  }

  private void openSegment(long first) throws IOException {
    Path path = dir.resolve(name(first));
    // a segment of this name can only be left by an earlier start that synced no whole entry into it
    // (entries are numbered after everything on disk): nothing in it was ever acknowledged
    Files.deleteIfExists(path);
    Path spare = dir.resolve(SPARE);
    if (Files.exists(spare) && Files.size(spare) == segmentBytes) {
      Files.move(spare, path, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      segment = FileChannel.open(path, StandardOpenOption.WRITE);
    } else {
      segment = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }
    segmentFirst = first;
    offset = 0;
    syncDirectory();
    durable = new Position(first, 0);
  }

  /**
   * Makes the next segment ahead of time, written full of zeros and synced, unless one is ready: a
   * sync of a write inside a file's allocated size only flushes data, one that grows the file flushes
   * its size too (about a third more time and CPU a sync here). Reading stops at the zeros, as at any
   * record that is not whole. Called by the loader between batches, off the checks' path.
   */
  void prepareSpare() throws IOException {
    Path spare = dir.resolve(SPARE);
    if (Files.exists(spare) && Files.size(spare) == segmentBytes) {
      return;
    }
    Path tmp = dir.resolve(SPARE + ".tmp");
    try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(segmentBytes, 1 << 20));
      long at = 0;
      while (at < segmentBytes) {
        zeros.clear();
        zeros.limit((int) Math.min(zeros.capacity(), segmentBytes - at));
        at += c.write(zeros, at);
      }
      c.force(true);
    }
    Files.move(tmp, spare, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    syncDirectory();
  }

  private void syncDirectory() throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  private void encode(long seq, CheckpointEntry e) {
    byte[] venue = utf8(e.venueId());
    byte[] device = utf8(e.device());
    byte[] token = utf8(e.tokenId());
    byte[] colour = utf8(e.colour());
    byte[] reason = utf8(EntryStore.reason(e));
    int payload = 8 + 8 + 8 + 4 + 1 + 5 * 2 + venue.length + device.length + token.length + colour.length
        + reason.length;
    if (buffer.remaining() < HEADER + payload) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + HEADER + payload));
      buffer.flip();
      bigger.put(buffer);
      buffer = bigger;
    }
    int start = buffer.position();
    buffer.putInt(payload).putInt(0);
    buffer.putLong(seq).putLong(IsoTime.epochMicros(e.checkedAt())).putLong(e.personId());
    Integer tenths = EntryStore.tenths(e.temperature());
    buffer.putInt(tenths == null ? NO_TEMPERATURE : tenths);
    buffer.put((byte) ((e.masked() ? 1 : 0) | (e.staff() ? 2 : 0) | (e.allowed() ? 4 : 0)));
    for (byte[] s : new byte[][] {venue, device, token, colour, reason}) {
      buffer.putShort((short) s.length).put(s);
    }
    CRC32C crc = new CRC32C();
    crc.update(buffer.array(), start + HEADER, payload);
    buffer.putInt(start + 4, (int) crc.getValue());
  }

  private static byte[] utf8(String s) {
    byte[] b = s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    if (b.length > 0xFFFF) {
      throw new IllegalArgumentException("a checkpoint entry field of " + b.length + " bytes");
    }
    return b;
  }

  /** Decodes one record at {@code at} in {@code buf}, or null if it is short or fails its checksum. */
  private static Numbered decode(ByteBuffer buf, int at, int limit) {
    if (limit - at < HEADER) {
      return null;
    }
    int payload = buf.getInt(at);
    if (payload < 39 || payload > limit - at - HEADER) {
      return null;
    }
    CRC32C crc = new CRC32C();
    crc.update(buf.array(), at + HEADER, payload);
    if ((int) crc.getValue() != buf.getInt(at + 4)) {
      return null;
    }
    ByteBuffer p = ByteBuffer.wrap(buf.array(), at + HEADER, payload);
    long seq = p.getLong();
    long micros = p.getLong();
    long person = p.getLong();
    int tenths = p.getInt();
    int flags = p.get();
    String venue = string(p);
    String device = string(p);
    String token = string(p);
    String colour = string(p);
    String reason = string(p);
    Instant time = IsoTime.ofEpochMicros(micros);
    BigDecimal temperature = tenths == NO_TEMPERATURE ? null : BigDecimal.valueOf(tenths, 1);
    return new Numbered(seq, new CheckpointEntry(time, venue, person, device, token, colour, temperature,
        (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, reason));
  }

  private static String string(ByteBuffer p) {
    int n = p.getShort() & 0xFFFF;
    String s = new String(p.array(), p.arrayOffset() + p.position(), n, StandardCharsets.UTF_8);
    p.position(p.position() + n);
    return s;
  }

  private static String name(long first) {
    return String.format("%s%019d%s", PREFIX, first, SUFFIX);
  }

  /** Segment files in order of their first sequence number. */
  List<Path> segments() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith(PREFIX)
          && f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + dir, e);
    }
  }

  static long firstSeq(Path segment) {
    String n = segment.getFileName().toString();
    return Long.parseLong(n.substring(PREFIX.length(), n.length() - SUFFIX.length()));
  }

  private long lastSeqOnDisk() throws IOException {
    List<Path> all = segments();
    for (int i = all.size() - 1; i >= 0; i--) {
      Reader r = new Reader(0);
      long last = r.lastIn(all.get(i));
      if (last > 0) {
        return last;
      }
    }
    return 0;
  }

  /** Reads entries after a sequence number, in order, never past {@link #durable()}. One thread. */
  Reader reader(long after) {
    return new Reader(after);
  }

  final class Reader implements Closeable {
    private long after;
    private Path path;
    private long first = -1;
    private FileChannel channel;
    private long at;
    private final List<Path> finished = new ArrayList<>();
    private final List<Long> finishedLast = new ArrayList<>();
    private long lastRead;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 20);

    private Reader(long after) {
      this.after = after;
    }

    /** Up to {@code max} entries after the last one read (and after the starting point). */
    List<Numbered> next(int max) throws IOException {
      List<Numbered> out = new ArrayList<>();
      while (out.size() < max) {
        if (channel == null && !openNext()) {
          break;
        }
        Position limit = durable;
        boolean older = limit == null || first < limit.segment();
        long end = older ? channel.size() : Math.min(limit.offset(), channel.size());
        int before = out.size();
        boolean ended = read(end, max, out);
        if (ended && older) {
          finished.add(path);
          finishedLast.add(lastRead);
          channel.close();
          channel = null;
          continue;
        }
        if (out.size() == before || ended) {
          break;
        }
      }
      return out;
    }

    /** Deletes the segments read to their end whose entries are all at or before {@code loaded}. */
    void deleteLoaded(long loaded) throws IOException {
      for (int i = finished.size() - 1; i >= 0; i--) {
        if (finishedLast.get(i) <= loaded) {
          Files.deleteIfExists(finished.get(i));
          finished.remove(i);
          finishedLast.remove(i);
        }
      }
    }

    /** Reads records in [at, end) of the open segment; true when it reached the end (or a torn record). */
    private boolean read(long end, int max, List<Numbered> out) throws IOException {
      while (out.size() < max && at < end) {
        buf.clear();
        buf.limit((int) Math.min(buf.capacity(), end - at));
        int n = 0;
        while (buf.hasRemaining()) {
          int r = channel.read(buf, at + buf.position());
          if (r < 0) {
            break;
          }
          n += r;
        }
        int pos = 0;
        boolean progress = false;
        while (out.size() < max) {
          Numbered rec = decode(buf, pos, n);
          if (rec == null) {
            break;
          }
          progress = true;
          pos += HEADER + buf.getInt(pos);
          lastRead = rec.seq();
          if (rec.seq() > after) {
            out.add(rec);
          }
        }
        at += pos;
        if (!progress) {
          // a record longer than what was read would have been decoded with a bigger read; here the
          // bytes up to end hold no whole record: the end, or a torn one
          return true;
        }
      }
      return at >= end;
    }

    private boolean openNext() throws IOException {
      for (Path p : segments()) {
        long f = firstSeq(p);
        if (f > first) {
          path = p;
          first = f;
          channel = FileChannel.open(p, StandardOpenOption.READ);
          at = 0;
          return true;
        }
      }
      return false;
    }

    private long lastIn(Path p) throws IOException {
      path = p;
      first = firstSeq(p);
      channel = FileChannel.open(p, StandardOpenOption.READ);
      try {
        // a few thousand at a time: a whole segment holds hundreds of thousands
        List<Numbered> sink = new ArrayList<>();
        while (!read(channel.size(), 4096, sink)) {
          sink.clear();
        }
        return lastRead;
      } finally {
        channel.close();
        channel = null;
      }
    }

    @Override
    public void close() throws IOException {
      if (channel != null) {
        channel.close();
        channel = null;
      }
    }
  }

  private static String readOrCreateId(Path dir) throws IOException {
    Path file = dir.resolve("journal-id");
    if (Files.exists(file)) {
      String id = Files.readString(file).strip();
      if (!id.isEmpty()) {
        return id;
      }
    }
    String id = UUID.randomUUID().toString();
    Path tmp = dir.resolve("journal-id.tmp");
    try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      c.write(ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.UTF_8)));
      c.force(true);
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
    return id;
  }

  @Override
  public synchronized void close() throws IOException {
    if (segment != null) {
      segment.close();
    }
    lock.release();
    lockChannel.close();
  }
}
