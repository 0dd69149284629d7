package org.cordon.server.security;

import jakarta.servlet.DispatcherType;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.http.HttpStatus;

/**
 * The server's filter chains: the main one, and a lean one of the same rules for the venue checkpoint's
 * device calls ({@link #checkpointFilterChain}). Console users sign in at {@code POST /api/auth/login} and get a session
 * cookie; scripts may send HTTP Basic; devices and labs send {@code Authorization: Bearer <token>}.
 * Which role may call which route is {@link AccessPolicy#routes()}.
 *
 * <p>CSRF protection is off. The API takes JSON only, so a cross-site HTML form cannot produce a request
 * it accepts; the session cookie is {@code SameSite=Strict}, so browsers do not send it with any
 * cross-site request at all; and Basic and bearer credentials are never attached by a browser on its own
 * (the server never asks browsers for Basic, see {@link ProblemResponses}). A CSRF token would protect
 * against nothing on top of that and would complicate every device and script client.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  static final String SESSION_COOKIE = "JSESSIONID";

  /**
   * Everything from this origin, nothing inline, nothing evaluated, no data: URIs. The console is a
   * Vite build: one module script and style sheets under {@code /assets}, images as files (no inlining),
   * no inline script or {@code <style>}. Styles that Vue, Element Plus, Leaflet and ECharts set go
   * through the CSSOM ({@code element.style}), which {@code style-src} does not govern; markup with
   * {@code style="..."} attributes is refused (the console builds ECharts' tooltip as elements for
   * that). The browser test fails on any violation; see docs/security.md.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
      + "style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
      + "form-action 'self'; frame-ancestors 'none'";

  /**
   * Swagger UI (a third-party page) draws its icons as {@code data:} SVG images and sets a few style
   * attributes in markup; it gets those two allowances, on its own pages only. Scripts stay 'self'.
   */
  static final String SWAGGER_UI_POLICY = "default-src 'self'; script-src 'self'; "
      + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; "
      + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  private static final RequestMatcher SWAGGER_UI = PathPatternRequestMatcher.withDefaults()
      .matcher("/swagger-ui/**");

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  ProblemResponses problemResponses() {
    return new ProblemResponses();
  }

  @Bean
  AuthenticationManager authenticationManager(ConsoleUsers users, PasswordEncoder encoder) {
    return new ProviderManager(new ConsoleUserAuthentication(users, encoder));
  }

  /** Where the login endpoint stores the signed-in context; the filter chain's default reads it. */
  @Bean
  HttpSessionSecurityContextRepository sessionContextRepository() {
    return new HttpSessionSecurityContextRepository();
  }

  /** The session cookie never travels with a cross-site request (see the CSRF note above). */
  @Bean
  CookieSameSiteSupplier sessionCookieSameSite() {
    return CookieSameSiteSupplier.ofStrict().whenHasName(SESSION_COOKIE);
  }

  /** The venue devices' checkpoint, which has a chain of its own (see {@link #checkpointFilterChain}). */
  static final String CHECKPOINT_PATHS = "/api/checkpoint/**";

  /**
   * The venue checkpoint ({@code /api/checkpoint/**}) gets a chain of its own, ahead of the main one:
   * it is called tens of thousands of times a second by devices with bearer tokens, and every filter
   * of the console's chain runs on every call (logout, the servlet API wrapper, anonymous
   * authentication, the device-venue filter, and the access rules tried one by one until the
   * checkpoint's). This chain keeps what such a call needs: the bearer token (and Basic, so that any
   * other signed-in caller is told 403, not 401), the checkpoint's own access rules from
   * {@link AccessPolicy#routes()}, the same problem answers and security headers, and no session.
   */
  @Bean
  @Order(1)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  SecurityFilterChain checkpointFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
      ProblemResponses problems, ApiTokens tokens) throws Exception {
    AccessPolicy policy = AccessPolicy.STANDARD;
    String prefix = CHECKPOINT_PATHS.substring(0, CHECKPOINT_PATHS.length() - 2);
    http
        .securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(CHECKPOINT_PATHS))
        .authenticationManager(authenticationManager)
        .csrf(c -> c.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .anonymous(a -> a.disable())
        .servletApi(a -> a.disable())
        .requestCache(r -> r.disable())
        .sessionManagement(m -> m.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(b -> b.authenticationEntryPoint(problems).realmName(ProblemResponses.REALM)
            .securityContextRepository(new RequestAttributeSecurityContextRepository()))
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, problems),
            BasicAuthenticationFilter.class)
        .headers(h -> h.addHeaderWriter(new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY)))
        .authorizeHttpRequests(a -> {
          a.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll();
          for (AccessPolicy.Route route : policy.routes()) {
            if (route.pattern().startsWith(prefix)) {
              var url = route.method() == null ? a.requestMatchers(route.pattern())
                  : a.requestMatchers(route.method(), route.pattern());
              if (route.permission() == null) {
                url.authenticated();
              } else {
                roles(url, policy.roles(route.permission()));
              }
            }
          }
          a.anyRequest().authenticated();
        });
    return http.build();
  }

  /** The filter chain; contexts without a web server (store tests, batch jobs) have no HttpSecurity. */
  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  SecurityFilterChain cordonFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
      ProblemResponses problems, ApiTokens tokens) throws Exception {
    AccessPolicy policy = AccessPolicy.STANDARD;
    http
        .authenticationManager(authenticationManager)
        .csrf(c -> c.disable())
        .formLogin(f -> f.disable())
        // Basic credentials come with every request: no session for them.
        .httpBasic(b -> b.authenticationEntryPoint(problems).realmName(ProblemResponses.REALM)
            .securityContextRepository(new RequestAttributeSecurityContextRepository()))
        .requestCache(r -> r.disable())
        .logout(l -> l.logoutUrl("/api/auth/logout")
            .logoutSuccessHandler(new HttpStatusReturningLogoutSuccessHandler(HttpStatus.NO_CONTENT))
            .deleteCookies(SESSION_COOKIE))
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, problems),
            BasicAuthenticationFilter.class)
        .addFilterAfter(new DeviceVenueFilter(problems), AuthorizationFilter.class)
        .headers(h -> h
            .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(SWAGGER_UI),
                new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY)))
            .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(SWAGGER_UI,
                new ContentSecurityPolicyHeaderWriter(SWAGGER_UI_POLICY))))
        .authorizeHttpRequests(a -> {
          a.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll();
          a.requestMatchers(HttpMethod.POST, "/api/auth/login").permitAll();
          // residents sign in with an identity number and a one-time code; scanners verify codes
          // offline with the published public key
          a.requestMatchers(HttpMethod.POST, "/api/resident/login", "/api/resident/login/code")
              .permitAll();
          a.requestMatchers(HttpMethod.GET, "/api/health-codes/public-key").permitAll();
          for (AccessPolicy.Route route : policy.routes()) {
            var url = route.method() == null ? a.requestMatchers(route.pattern())
                : a.requestMatchers(route.method(), route.pattern());
            if (route.permission() == null) {
              url.authenticated();
            } else {
              roles(url, policy.roles(route.permission()));
            }
          }
          a.requestMatchers("/v3/api-docs/**", "/v3/api-docs", "/swagger-ui/**", "/swagger-ui.html")
              .permitAll();
          a.requestMatchers(HttpMethod.GET, "/", "/index.html", "/assets/**", "/favicon.ico",
              "/favicon.svg", "/*.png", "/*.svg", "/error", "/resident/**").permitAll();
          a.anyRequest().authenticated();
        });
    return http.build();
  }

  private static void roles(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizedUrl url,
      Set<Role> roles) {
    if (roles.isEmpty()) {
      url.denyAll();
    } else {
      url.hasAnyRole(roles.stream().map(Role::name).toArray(String[]::new));
    }
  }
}
