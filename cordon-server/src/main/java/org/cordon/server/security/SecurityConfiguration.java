package org.cordon.server.security;

import jakarta.servlet.DispatcherType;
import java.util.Set;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.http.HttpStatus;

/**
 * The server's one filter chain. Console users sign in at {@code POST /api/auth/login} and get a session
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

  @Bean
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
        .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
            "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                + "script-src 'self'; frame-ancestors 'none'")))
        .authorizeHttpRequests(a -> {
          a.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll();
          a.requestMatchers(HttpMethod.POST, "/api/auth/login").permitAll();
          a.requestMatchers("/api/auth/**").authenticated();
          for (AccessPolicy.Route route : policy.routes()) {
            roles(route.method() == null ? a.requestMatchers(route.pattern())
                : a.requestMatchers(route.method(), route.pattern()),
                policy.roles(route.permission()));
          }
          a.requestMatchers("/v3/api-docs/**", "/v3/api-docs", "/swagger-ui/**", "/swagger-ui.html")
              .permitAll();
          a.requestMatchers(HttpMethod.GET, "/", "/index.html", "/assets/**", "/favicon.ico",
              "/favicon.svg", "/*.png", "/*.svg", "/error").permitAll();
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
