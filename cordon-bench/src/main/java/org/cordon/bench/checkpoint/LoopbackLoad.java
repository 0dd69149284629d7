package org.cordon.bench.checkpoint;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP/1.1 load generator over raw keep-alive sockets on loopback: {@code connections}
 * threads each send a request, read the whole answer, and send the next, for a fixed time. Cheaper per
 * request than java.net.http (which matters when client and server share two cores) and it times each
 * request from the first byte written to the last byte read.
 */
final class LoopbackLoad {

  /** Makes request number {@code n} of connection {@code c}: the full HTTP request bytes. */
  @FunctionalInterface
  interface Requests {
    byte[] request(int connection, long n);
  }

  /** Sees each answer: status, Retry-After header (or null), body. */
  @FunctionalInterface
  interface Answers {
    void answer(int connection, long n, int status, String retryAfter, byte[] body);
  }

  /** What one run measured. */
  record Result(long requests, double seconds, Map<Integer, Long> byStatus, long errors,
      Latency latency, long clientCpuNanos) {
    double perSecond() {
      return requests / seconds;
    }
  }

  /** Latency histogram in microseconds: 1 µs buckets to 10 ms, then 100 µs buckets to 10 s. */
  static final class Latency {
    private final long[] fine = new long[10_000];
    private final long[] coarse = new long[100_000];
    private long count;

    void add(long micros) {
      if (micros < fine.length) {
        fine[(int) micros]++;
      } else {
        coarse[(int) Math.min(coarse.length - 1, micros / 100)]++;
      }
      count++;
    }

    void addAll(Latency other) {
      for (int i = 0; i < fine.length; i++) {
        fine[i] += other.fine[i];
      }
      for (int i = 0; i < coarse.length; i++) {
        coarse[i] += other.coarse[i];
      }
      count += other.count;
    }

    /** The {@code q} quantile in milliseconds. */
    double quantileMillis(double q) {
      long rank = (long) Math.ceil(q * count);
      long seen = 0;
      for (int i = 0; i < fine.length; i++) {
        seen += fine[i];
        if (seen >= rank && seen > 0) {
          return i / 1000.0;
        }
      }
      for (int i = 0; i < coarse.length; i++) {
        seen += coarse[i];
        if (seen >= rank) {
          return i / 10.0;
        }
      }
      return Double.NaN;
    }
  }

  private LoopbackLoad() {
  }

  static Result run(int port, int connections, double seconds, Requests requests, Answers answers)
      throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong errors = new AtomicLong();
    java.util.concurrent.atomic.LongAdder clientCpu = new java.util.concurrent.atomic.LongAdder();
    List<Thread> threads = new ArrayList<>();
    List<Latency> latencies = new ArrayList<>();
    List<Map<Integer, Long>> statuses = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      Latency latency = new Latency();
      Map<Integer, Long> status = new TreeMap<>();
      latencies.add(latency);
      statuses.add(status);
      int connection = c;
      Thread t = new Thread(() -> {
        loop(port, connection, requests, answers, stop, errors, latency, status);
        // the client's own CPU, so that the server's share of the process can be told apart
        clientCpu.add(java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
      }, "load-" + c);
      t.setDaemon(true);
      threads.add(t);
    }
    long start = System.nanoTime();
    threads.forEach(Thread::start);
    Thread.sleep((long) (seconds * 1000));
    stop.set(true);
    for (Thread t : threads) {
      t.join(30_000);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    Latency all = new Latency();
    Map<Integer, Long> byStatus = new TreeMap<>();
    latencies.forEach(all::addAll);
    statuses.forEach(m -> m.forEach((k, v) -> byStatus.merge(k, v, Long::sum)));
    return new Result(all.count, elapsed, byStatus, errors.get(), all, clientCpu.sum());
  }

  private static void loop(int port, int connection, Requests requests, Answers answers,
      AtomicBoolean stop, AtomicLong errors, Latency latency, Map<Integer, Long> byStatus) {
    long n = 0;
    Socket socket = null;
    InputStream in = null;
    try {
      while (!stop.get()) {
        if (socket == null) {
          socket = new Socket();
          socket.setTcpNoDelay(true);
          socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
          socket.setSoTimeout(30_000);
          in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }
        byte[] request = requests.request(connection, n);
        long t0 = System.nanoTime();
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
        Answer a = read(in);
        latency.add((System.nanoTime() - t0) / 1000);
        byStatus.merge(a.status, 1L, Long::sum);
        answers.answer(connection, n, a.status, a.retryAfter, a.body);
        n++;
        if (a.close) {
          socket.close();
          socket = null;
        }
      }
    } catch (IOException e) {
      errors.incrementAndGet();
    } finally {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing after the run
        }
      }
    }
  }

  private record Answer(int status, String retryAfter, byte[] body, boolean close) {
  }

  /** Reads one HTTP/1.1 answer with Content-Length or chunked body. */
  private static Answer read(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine == null) {
      throw new IOException("connection closed");
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    int length = -1;
    boolean chunked = false;
    boolean close = false;
    String retryAfter = null;
    for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
      String lower = h.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(h.substring(15).strip());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        close = true;
      } else if (lower.startsWith("retry-after:")) {
        retryAfter = h.substring(12).strip();
      }
    }
    byte[] body;
    if (chunked) {
      java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
      while (true) {
        int size = Integer.parseInt(line(in).strip(), 16);
        if (size == 0) {
          line(in);
          break;
        }
        b.write(in.readNBytes(size));
        line(in);
      }
      body = b.toByteArray();
    } else {
      body = in.readNBytes(Math.max(length, 0));
    }
    return new Answer(status, retryAfter, body, close);
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder(64);
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        int len = sb.length();
        return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
      }
      sb.append((char) b);
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  /** A POST of a JSON body with a bearer token, keep-alive. */
  static byte[] post(String path, String bearer, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + bearer
        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }
}
