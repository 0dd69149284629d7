package org.cordon.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.cordon.core.exchange.FlatJson;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds a venue device to its venue: a single scan event ({@code POST /api/intake/scans/events}) sent
 * with a device token must name the venue the token is bound to, or it is refused with 403. The event is
 * read here with the same flat-JSON parser intake uses and handed on unchanged; events too large or not
 * parseable are passed on for intake to reject with its own message.
 */
public class DeviceVenueFilter extends OncePerRequestFilter {

  static final String PATH = "/api/intake/scans/events";
  /** A scan event is a few hundred bytes; anything bigger is not ours to inspect. */
  private static final int MAX_EVENT_BYTES = 64 * 1024;

  private final ProblemResponses problems;

  public DeviceVenueFilter(ProblemResponses problems) {
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !PATH.equals(request.getServletPath()
        + (request.getPathInfo() == null ? "" : request.getPathInfo()));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (!(auth != null && auth.getPrincipal() instanceof Caller caller)
        || caller.role() != Role.VENUE_DEVICE) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_EVENT_BYTES + 1);
    if (body.length <= MAX_EVENT_BYTES) {
      String venue = venueOf(body);
      if (venue != null && !caller.mayScanAt(venue)) {
        problems.write(request, response, HttpStatus.FORBIDDEN, "this device is bound to venue "
            + caller.venueId() + " and may not send scans for venue " + venue);
        return;
      }
    }
    chain.doFilter(new Replayed(request, body), response);
  }

  private static String venueOf(byte[] body) {
    try {
      Map<String, String> fields = FlatJson.parseObject(new String(body, StandardCharsets.UTF_8));
      return fields.get("venue_id");
    } catch (IllegalArgumentException e) {
      return null; // intake answers malformed events
    }
  }

  /** The request with its body already read: replays those bytes, then the rest of the stream. */
  private static final class Replayed extends HttpServletRequestWrapper {
    private final byte[] head;

    Replayed(HttpServletRequest request, byte[] head) {
      super(request);
      this.head = head;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      ServletInputStream rest = super.getInputStream();
      ByteArrayInputStream first = new ByteArrayInputStream(head);
      return new ServletInputStream() {
        @Override
        public int read() throws IOException {
          int b = first.read();
          return b >= 0 ? b : rest.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          int n = first.read(buffer, offset, length);
          return n > 0 ? n : rest.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
          return first.available() == 0 && rest.isFinished();
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("scan events are read blocking");
        }
      };
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      return new BufferedReader(new InputStreamReader(getInputStream(),
          encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
    }
  }
}
