package org.cordon.server.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code cordon.security}.
 *
 * @param demoUsers create the demo accounts and the demo device token at start-up (never in production)
 * @param bootstrapAdmin a first COMMAND_CENTRE account created at start-up if absent; unset by default
 */
@ConfigurationProperties("cordon.security")
public record CordonSecurityProperties(boolean demoUsers, BootstrapAdmin bootstrapAdmin) {

  /**
   * The first administrator. Set all of {@code username}, {@code password} and {@code jurisdiction}
   * (e.g. via the environment: {@code CORDON_SECURITY_BOOTSTRAPADMIN_USERNAME}, ...) to create it.
   */
  public record BootstrapAdmin(String username, String password, String jurisdiction,
      String displayName) {
  }
}
