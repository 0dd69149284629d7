package org.cordon.bench.checkpoint;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;

/**
 * An open-loop HTTP/1.1 load generator: requests are due at a fixed rate whatever the answers do, as
 * doors see people arrive, and each is timed from the moment it was due, not from when a connection
 * was free to send it, so a server that falls behind shows it in the latency (no coordinated
 * omission). One thread drives every keep-alive connection with a selector, so the client costs far
 * less CPU than a thread per connection on machines where it shares the cores with the server. A
 * request due while every connection waits for an answer waits for the next free one (its wait counts).
 */
final class OpenLoopLoad {

  /** The longest a wait for the next due request may delay noticing an answer. */
  private static final long PARK_NANOS = 100_000;

  private OpenLoopLoad() {
  }

  /** One keep-alive connection: the answer being read and when the request it answers was due. */
  private static final class Connection {
    final SocketChannel channel;
    final int index;
    ByteBuffer in = ByteBuffer.allocate(16 * 1024);
    long dueNanos;
    long n;

    Connection(SocketChannel channel, int index) {
      this.channel = channel;
      this.index = index;
    }
  }

  /**
   * Sends {@code ratePerSecond} requests a second for {@code seconds} over {@code connections}
   * connections, then waits up to ten seconds for the answers still outstanding. With a rate of 0 it
   * is a closed loop, each connection sending its next request when answered (as {@link LoopbackLoad},
   * at a fraction of its CPU).
   */
  static LoopbackLoad.Result run(int port, int connections, double ratePerSecond, double seconds,
      LoopbackLoad.Requests requests, LoopbackLoad.Answers answers) throws IOException {
    long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    LoopbackLoad.Latency latency = new LoopbackLoad.Latency();
    Map<Integer, Long> byStatus = new TreeMap<>();
    long errors = 0;
    ArrayDeque<Connection> idle = new ArrayDeque<>();
    try (Selector selector = Selector.open()) {
      for (int i = 0; i < connections; i++) {
        SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ch.configureBlocking(false);
        Connection c = new Connection(ch, i);
        ch.register(selector, SelectionKey.OP_READ, c);
        idle.add(c);
      }
      long start = System.nanoTime();
      long end = start + (long) (seconds * 1e9);
      boolean closed = ratePerSecond <= 0;
      double interval = closed ? 0 : 1e9 / ratePerSecond;
      long sent = 0;
      long answered = 0;
      long lastAnswerAt = start;
      while (true) {
        long now = System.nanoTime();
        if (now < end) {
          // closed loop (rate 0): every free connection sends at once
          long due = closed ? Long.MAX_VALUE : (long) ((now - start) / interval) + 1;
          while (sent < due && !idle.isEmpty()) {
            Connection c = idle.poll();
            c.dueNanos = closed ? System.nanoTime() : start + (long) (sent * interval);
            c.n = sent;
            ByteBuffer out = ByteBuffer.wrap(requests.request(c.index, sent));
            while (out.hasRemaining()) {
              c.channel.write(out); // a request is small: loopback takes it at once
            }
            sent++;
          }
        } else if (answered + errors >= sent || now > end + 10_000_000_000L) {
          lastAnswerAt = Math.max(lastAnswerAt, Math.min(now, end));
          break;
        }
        long nextDue = start + (long) (sent * interval);
        long waitMillis = now >= end || closed ? 10
            : Math.max(0, Math.min(10, (nextDue - System.nanoTime()) / 1_000_000));
        if (waitMillis == 0) {
          // the next request is due within a millisecond (every 50 µs at 20,000/s), below what select
          // can wait for: spinning on selectNow took a whole core from the server under test; a short
          // park instead notices an answer at most that much later, which counts against the server
          if (selector.selectNow() == 0) {
            long untilDue = nextDue - System.nanoTime();
            if (untilDue > 0) {
              java.util.concurrent.locks.LockSupport.parkNanos(Math.min(untilDue, PARK_NANOS));
            }
          }
        } else {
          selector.select(waitMillis);
        }
        for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
          SelectionKey key = it.next();
          it.remove();
          Connection c = (Connection) key.attachment();
          int read;
          try {
            read = c.channel.read(c.in);
          } catch (IOException e) {
            read = -1;
          }
          if (read < 0) {
            errors++;
            key.cancel();
            c.channel.close();
            continue;
          }
          int status;
          while ((status = answer(c, answers)) > 0) {
            long t = System.nanoTime();
            latency.add((t - c.dueNanos) / 1000);
            byStatus.merge(status, 1L, Long::sum);
            answered++;
            lastAnswerAt = t;
            idle.add(c);
          }
          if (!c.in.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(c.in.capacity() * 2);
            c.in.flip();
            bigger.put(c.in);
            c.in = bigger;
          }
        }
      }
      for (SelectionKey key : selector.keys()) {
        key.channel().close();
      }
      double elapsed = Math.min(seconds, (lastAnswerAt - start) / 1e9);
      long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart;
      return new LoopbackLoad.Result(answered, Math.max(elapsed, 1e-3), byStatus, errors, latency, cpu);
    }
  }

  /**
   * Takes one whole answer off the front of the connection's buffer: its status, or 0 while it is not
   * all there. Answers have a Content-Length (both servers under test send one).
   */
  private static int answer(Connection c, LoopbackLoad.Answers answers) {
    ByteBuffer b = c.in;
    int limit = b.position();
    byte[] a = b.array();
    int headEnd = -1;
    for (int i = 3; i < limit; i++) {
      if (a[i] == '\n' && a[i - 1] == '\r' && a[i - 2] == '\n' && a[i - 3] == '\r') {
        headEnd = i + 1;
        break;
      }
    }
    if (headEnd < 0) {
      return 0;
    }
    String head = new String(a, 0, headEnd, StandardCharsets.US_ASCII);
    int status = Integer.parseInt(head.substring(9, 12));
    int length = 0;
    String retryAfter = null;
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).strip();
      if (name.equalsIgnoreCase("content-length")) {
        length = Integer.parseInt(line.substring(colon + 1).strip());
      } else if (name.equalsIgnoreCase("retry-after")) {
        retryAfter = line.substring(colon + 1).strip();
      }
    }
    if (limit < headEnd + length) {
      return 0;
    }
    byte[] body = java.util.Arrays.copyOfRange(a, headEnd, headEnd + length);
    answers.answer(c.index, c.n, status, retryAfter, body);
    b.flip();
    b.position(headEnd + length);
    b.compact();
    return status;
  }
}
