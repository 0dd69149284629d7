package org.cordon.server.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.cordon.core.place.DivisionCode;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithSecurityContext;
import org.springframework.security.test.context.support.WithSecurityContextFactory;

/**
 * Runs a MockMvc test as a Cordon {@link Caller}, the principal controllers expect (unlike
 * {@code @WithMockUser}, whose principal has no jurisdiction). Example:
 * {@code @WithCaller(role = Role.INVESTIGATOR, jurisdiction = "140105")}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@WithSecurityContext(factory = WithCaller.Factory.class)
public @interface WithCaller {

  String name() default "test-user";

  Role role();

  /** A division code, e.g. {@code "1401"}. */
  String jurisdiction() default "1401";

  /** For {@link Role#VENUE_DEVICE}: the venue the device is bound to. */
  String venueId() default "";

  /** Builds the security context. */
  final class Factory implements WithSecurityContextFactory<WithCaller> {
    @Override
    public SecurityContext createSecurityContext(WithCaller c) {
      Caller caller = new Caller(c.name(), c.name(), c.role(), DivisionCode.of(c.jurisdiction()),
          c.venueId().isEmpty() ? null : c.venueId());
      SecurityContext context = SecurityContextHolder.createEmptyContext();
      context.setAuthentication(
          UsernamePasswordAuthenticationToken.authenticated(caller, null, caller.authorities()));
      return context;
    }
  }
}
