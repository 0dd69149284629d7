package org.cordon.server.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Division names for display; until the shipped division tree is wired in, names are unknown. */
@Configuration(proxyBeanMethods = false)
public class DivisionNamesConfiguration {

  @Bean
  @ConditionalOnMissingBean
  DivisionNames divisionNames() {
    return code -> null;
  }
}
