package org.cordon.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes 401 and 403 as RFC 9457 problem details, never as a redirect to a login page.
 *
 * <p>The 401 challenge: RFC 9110 wants a {@code WWW-Authenticate} header on every 401, but a
 * {@code Basic} challenge makes browsers pop up their own sign-in dialog over the console. So the
 * challenge always names {@code Bearer} (which browsers ignore), and names {@code Basic} only when the
 * request does not come from a browser: browsers mark every request, fetch/XHR or navigation, with the
 * Fetch Metadata header {@code Sec-Fetch-Mode}, and older XHR libraries send
 * {@code X-Requested-With}. Scripts (curl, Python) get the Basic challenge they can answer.
 */
public class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

  static final String REALM = "cordon";

  private final JsonMapper json = JsonMapper.builder().build();

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException e) throws IOException {
    String detail = e instanceof InsufficientAuthenticationException || e.getMessage() == null
        || e.getMessage().isBlank()
        ? "sign in (POST /api/auth/login), or send HTTP Basic credentials or an API token "
            + "(Authorization: Bearer ...)"
        : e.getMessage();
    response.setHeader("WWW-Authenticate", fromBrowser(request)
        ? "Bearer realm=\"" + REALM + "\""
        : "Bearer realm=\"" + REALM + "\", Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
    write(request, response, HttpStatus.UNAUTHORIZED, detail);
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response,
      AccessDeniedException e) throws IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    String who = auth != null && auth.getPrincipal() instanceof Caller c
        ? "role " + c.role() : "this caller";
    write(request, response, HttpStatus.FORBIDDEN,
        who + " may not " + request.getMethod() + " " + request.getRequestURI());
  }

  static boolean fromBrowser(HttpServletRequest request) {
    return request.getHeader("Sec-Fetch-Mode") != null
        || "XMLHttpRequest".equalsIgnoreCase(request.getHeader("X-Requested-With"));
  }

  void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
      String detail) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", status.getReasonPhrase());
    body.put("status", status.value());
    body.put("detail", detail);
    body.put("instance", request.getRequestURI());
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(json.writeValueAsString(body));
  }
}
